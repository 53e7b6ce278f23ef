#include "search/segment_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>

#include "search/postings.h"
#include "search/search_text.h"
#include "search/segment_format.h"

namespace fangzhi::search {

Status SegmentWriter::AddWork(store::Library* lib, const std::string& work_id) {
  std::vector<Entry> added;
  uint32_t ord = 0;
  Status s = lib->ScanNodes(work_id, [&](const store::StoredNode& sn) {
    if (added.empty() || added.back().edition != sn.edition) {
      Entry e;
      e.work = work_id;
      e.edition = sn.edition;
      e.base = sn.base;
      e.edition_ord = ord++;
      added.push_back(std::move(e));
    }
    Entry& e = added.back();
    e.node_ids.push_back(sn.id);
    e.node_starts.push_back(static_cast<uint32_t>(e.units.size()));
    AppendNodeSearchText(sn.node, &e.units);
    e.units.push_back(0);
    e.text_bytes += sn.node.title.size();
    for (const auto& b : sn.node.blocks) {
      if (IsSearchedBlock(b.kind)) e.text_bytes += b.text.size();
    }
    return Status::Ok();
  });
  FZ_RETURN_IF_ERROR(s);
  for (Entry& e : added) {
    units_ += e.units.size();
    entries_.push_back(std::move(e));
  }
  return Status::Ok();
}

namespace {

Status WriteAll(int fd, const std::string& path, const char* data, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path + "：写入索引失败：" + std::strerror(errno));
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
  return Status::Ok();
}

template <typename T>
void Append(std::string* out, const T& v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

void Align4(std::string* out) {
  while (out->size() % 4) out->push_back('\0');
}

}  // namespace

Status SegmentWriter::Write(const std::filesystem::path& path) {
  // Base editions first, each group by work id: the default search scope is
  // then one prefix of the positions, and results come out in a stable order.
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    if (a.base != b.base) return a.base;
    if (a.work != b.work) return a.work < b.work;
    return a.edition_ord < b.edition_ord;
  });
  uint64_t total = 0, text_bytes = 0;
  for (const Entry& e : entries_) {
    total += e.units.size();
    text_bytes += e.text_bytes;
  }
  if (total >= UINT32_MAX) return Status::InvalidInput("索引段过大（超过 2^32 个字符），请分段");

  // Vocabulary: distinct code points, sorted; ids are 1-based.
  std::vector<uint32_t> cps;
  {
    std::vector<uint8_t> seen_bmp(0x10000, 0);
    std::vector<uint32_t> astral;
    for (const Entry& e : entries_) {
      for (char32_t c : e.units) {
        if (c == 0) continue;
        if (c < 0x10000) seen_bmp[c] = 1; else astral.push_back(c);
      }
    }
    for (uint32_t c = 1; c < 0x10000; ++c) {
      if (seen_bmp[c]) cps.push_back(c);
    }
    std::sort(astral.begin(), astral.end());
    astral.erase(std::unique(astral.begin(), astral.end()), astral.end());
    cps.insert(cps.end(), astral.begin(), astral.end());
  }
  const uint32_t vocab = static_cast<uint32_t>(cps.size());
  auto id_of = [&](char32_t c) -> uint32_t {
    return static_cast<uint32_t>(std::lower_bound(cps.begin(), cps.end(), static_cast<uint32_t>(c)) - cps.begin()) + 1;
  };
  // A direct table for the BMP keeps the id lookup out of the hot loop.
  std::vector<uint32_t> bmp_id(0x10000, 0);
  for (uint32_t i = 0; i < vocab && cps[i] < 0x10000; ++i) bmp_id[cps[i]] = i + 1;

  // Ids in position order, and counts per id.
  std::vector<uint32_t> ids(total);
  std::vector<uint32_t> counts(vocab + 1, 0);
  {
    size_t p = 0;
    for (const Entry& e : entries_) {
      for (char32_t c : e.units) {
        const uint32_t id = c == 0 ? 0 : (c < 0x10000 ? bmp_id[c] : id_of(c));
        ids[p++] = id;
        ++counts[id];
      }
    }
  }
  for (Entry& e : entries_) {
    e.size = static_cast<uint32_t>(e.units.size());
    e.units = std::u32string();  // ids hold it now; keep the peak low
  }
  // Counting sort of positions by id: every posting list in one array.
  std::vector<uint64_t> start(vocab + 2, 0);
  for (uint32_t id = 1; id <= vocab; ++id) start[id + 1] = start[id] + counts[id];
  std::vector<uint32_t> positions(total - counts[0]);
  {
    std::vector<uint64_t> fill(start.begin(), start.end());
    for (uint32_t p = 0; p < total; ++p) {
      const uint32_t id = ids[p];
      if (id != 0) positions[fill[id]++] = p;
    }
  }

  std::string out;
  SegmentHeader h{};
  std::memcpy(h.magic, kSegmentMagic, sizeof h.magic);
  h.version = kSegmentVersion;
  h.code_width = vocab < 0xFFFF ? 2 : 4;
  h.num_units = total;
  h.num_entries = static_cast<uint32_t>(entries_.size());
  h.vocab_size = vocab;
  h.text_bytes = text_bytes;
  std::string strings;
  std::vector<EntryRecord> erecs;
  std::vector<NodeRecord> nrecs;
  uint32_t pos = 0;
  for (uint32_t k = 0; k < entries_.size(); ++k) {
    const Entry& e = entries_[k];
    EntryRecord r{};
    r.work_off = static_cast<uint32_t>(strings.size());
    r.work_len = static_cast<uint32_t>(e.work.size());
    strings += e.work;
    r.edition_off = static_cast<uint32_t>(strings.size());
    r.edition_len = static_cast<uint32_t>(e.edition.size());
    strings += e.edition;
    r.is_base = e.base;
    r.edition_ord = e.edition_ord;
    r.first_node = static_cast<uint32_t>(nrecs.size());
    r.start_pos = pos;
    for (size_t i = 0; i < e.node_ids.size(); ++i) nrecs.push_back({e.node_ids[i], pos + e.node_starts[i], k});
    pos += e.size;
    r.end_node = static_cast<uint32_t>(nrecs.size());
    r.end_pos = pos;
    erecs.push_back(r);
  }
  h.num_nodes = static_cast<uint32_t>(nrecs.size());
  Append(&out, h);  // placeholder; rewritten with offsets below
  h.entries_off = out.size();
  for (const auto& r : erecs) Append(&out, r);
  h.nodes_off = out.size();
  for (const auto& r : nrecs) Append(&out, r);
  h.vocab_off = out.size();
  const size_t vocab_at = out.size();
  out.resize(out.size() + vocab * sizeof(VocabRecord));
  Align4(&out);
  h.postings_off = out.size();
  for (uint32_t id = 1; id <= vocab; ++id) {
    Align4(&out);
    VocabRecord v{cps[id - 1], counts[id], out.size() - h.postings_off};
    std::memcpy(out.data() + vocab_at + (id - 1) * sizeof v, &v, sizeof v);
    EncodePostings(positions.data() + start[id], counts[id], &out);
  }
  positions = {};
  Align4(&out);
  h.codes_off = out.size();
  if (h.code_width == 2) {
    for (uint32_t id : ids) Append(&out, static_cast<uint16_t>(id));
  } else {
    out.append(reinterpret_cast<const char*>(ids.data()), ids.size() * 4);
  }
  h.strings_off = out.size();
  out += strings;
  h.file_size = out.size();
  std::memcpy(out.data(), &h, sizeof h);

  const std::string tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(tmp + "：无法创建索引文件：" + std::strerror(errno));
  Status s = WriteAll(fd, tmp, out.data(), out.size());
  if (s.ok() && ::fsync(fd) != 0) s = Status::IoError(tmp + "：同步索引文件失败：" + std::strerror(errno));
  ::close(fd);
  if (s.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    s = Status::IoError(path.string() + "：无法完成索引文件：" + std::strerror(errno));
  }
  if (!s.ok()) ::unlink(tmp.c_str());
  return s;
}

}  // namespace fangzhi::search
