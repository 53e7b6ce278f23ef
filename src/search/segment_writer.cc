#include "search/segment_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>

#include "search/postings.h"
#include "search/search_text.h"
#include "search/segment_format.h"
#include "text/fold.h"

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
    e.node_first_block.push_back(static_cast<uint32_t>(e.block_starts.size()));
    e.node_first_page.push_back(static_cast<uint32_t>(e.page_seqs.size()));
    AppendNodeSearchText(sn.node, &e.units, &e.block_starts);
    AppendBlockLines(sn.node, &e.block_lines);
    for (uint32_t seq = 0; seq < sn.node.blocks.size(); ++seq) {
      if (sn.node.blocks[seq].kind == model::BlockKind::kPage) e.page_seqs.push_back(seq);
    }
    e.units.push_back(0);
    e.text_bytes += sn.node.title.size();
    for (const auto& b : sn.node.blocks) {
      if (IsSearchedBlock(b.kind)) e.text_bytes += b.text.size();
    }
    return Status::Ok();
  });
  FZ_RETURN_IF_ERROR(s);
  for (Entry& e : added) {
    e.units.shrink_to_fit();  // growth slack would double the build's memory
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

}  // namespace

namespace {

// Appends to a file through a buffer, remembering how much was written, so
// that a segment never has to exist whole in memory.
class FileSink {
 public:
  explicit FileSink(std::string path) : path_(std::move(path)) {}
  ~FileSink() {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Open() {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) return Status::IoError(path_ + "：无法创建索引文件：" + std::strerror(errno));
    return Status::Ok();
  }
  Status Write(const void* data, size_t n) {
    buf_.append(static_cast<const char*>(data), n);
    written_ += n;
    return buf_.size() >= (4u << 20) ? Flush() : Status::Ok();
  }
  template <typename T>
  Status Put(const T& v) {
    return Write(&v, sizeof v);
  }
  Status Align4() {
    static const char zeros[4] = {};
    return written_ % 4 ? Write(zeros, 4 - written_ % 4) : Status::Ok();
  }
  Status Flush() {
    Status s = WriteAll(fd_, path_, buf_.data(), buf_.size());
    buf_.clear();
    return s;
  }
  // Overwrites bytes already written (the header and vocabulary, whose
  // offsets are known only at the end).
  Status WriteAt(uint64_t offset, const void* data, size_t n) {
    FZ_RETURN_IF_ERROR(Flush());
    if (::pwrite(fd_, data, n, static_cast<off_t>(offset)) != static_cast<ssize_t>(n)) {
      return Status::IoError(path_ + "：写入索引失败：" + std::strerror(errno));
    }
    return Status::Ok();
  }
  Status Finish() {
    FZ_RETURN_IF_ERROR(Flush());
    if (::fsync(fd_) != 0) return Status::IoError(path_ + "：同步索引文件失败：" + std::strerror(errno));
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return Status::IoError(path_ + "：写入索引失败：" + std::strerror(errno));
    return Status::Ok();
  }
  uint64_t written() const { return written_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::string buf_;
  uint64_t written_ = 0;
};

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
  std::vector<uint32_t> bmp_id(0x10000, 0);  // keeps the id lookup out of the hot loops
  {
    std::vector<uint32_t> astral;
    for (const Entry& e : entries_) {
      for (char32_t c : e.units) {
        if (c == 0) continue;
        if (c < 0x10000) bmp_id[c] = 1; else astral.push_back(c);
      }
    }
    for (uint32_t c = 1; c < 0x10000; ++c) {
      if (bmp_id[c]) cps.push_back(c);
    }
    std::sort(astral.begin(), astral.end());
    astral.erase(std::unique(astral.begin(), astral.end()), astral.end());
    cps.insert(cps.end(), astral.begin(), astral.end());
  }
  const uint32_t vocab = static_cast<uint32_t>(cps.size());
  std::fill(bmp_id.begin(), bmp_id.end(), 0);
  for (uint32_t i = 0; i < vocab && cps[i] < 0x10000; ++i) bmp_id[cps[i]] = i + 1;
  auto id_of = [&](char32_t c) -> uint32_t {
    if (c == 0) return 0;
    if (c < 0x10000) return bmp_id[c];
    return static_cast<uint32_t>(std::lower_bound(cps.begin(), cps.end(), static_cast<uint32_t>(c)) - cps.begin()) + 1;
  };

  // Counting sort of positions by id: every posting list in one array. The
  // units stay as they are; ids are recomputed in each pass (cheap next to
  // the memory a second array would take).
  std::vector<uint32_t> counts(vocab + 1, 0);
  for (const Entry& e : entries_) {
    for (char32_t c : e.units) ++counts[id_of(c)];
  }
  std::vector<uint64_t> start(vocab + 2, 0);
  for (uint32_t id = 1; id <= vocab; ++id) start[id + 1] = start[id] + counts[id];
  std::vector<uint32_t> positions(total - counts[0]);
  {
    std::vector<uint64_t> fill(start.begin(), start.end());
    uint32_t p = 0;
    for (const Entry& e : entries_) {
      for (char32_t c : e.units) {
        const uint32_t id = id_of(c);
        if (id != 0) positions[fill[id]++] = p;
        ++p;
      }
    }
  }

  SegmentHeader h{};
  std::memcpy(h.magic, kSegmentMagic, sizeof h.magic);
  h.version = kSegmentVersion;
  h.folding = text::FoldingFingerprint();
  h.code_width = vocab < 0xFFFF ? 2 : 4;
  h.num_units = total;
  h.num_entries = static_cast<uint32_t>(entries_.size());
  h.vocab_size = vocab;
  h.text_bytes = text_bytes;
  std::string strings;
  std::vector<EntryRecord> erecs;
  std::vector<NodeRecord> nrecs;
  std::vector<uint32_t> block_starts, block_lines, page_seqs;
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
    for (size_t i = 0; i < e.node_ids.size(); ++i) {
      nrecs.push_back({e.node_ids[i], pos + e.node_starts[i], k,
                       static_cast<uint32_t>(block_starts.size()) + e.node_first_block[i],
                       static_cast<uint32_t>(page_seqs.size()) + e.node_first_page[i]});
    }
    block_starts.insert(block_starts.end(), e.block_starts.begin(), e.block_starts.end());
    block_lines.insert(block_lines.end(), e.block_lines.begin(), e.block_lines.end());
    page_seqs.insert(page_seqs.end(), e.page_seqs.begin(), e.page_seqs.end());
    pos += static_cast<uint32_t>(e.units.size());
    r.end_node = static_cast<uint32_t>(nrecs.size());
    r.end_pos = pos;
    erecs.push_back(r);
  }
  h.num_nodes = static_cast<uint32_t>(nrecs.size());
  h.num_blocks = static_cast<uint32_t>(block_starts.size());
  h.num_pages = static_cast<uint32_t>(page_seqs.size());

  const std::string tmp = path.string() + ".tmp";
  FileSink out(tmp);
  Status st = [&]() -> Status {
    FZ_RETURN_IF_ERROR(out.Open());
    FZ_RETURN_IF_ERROR(out.Put(h));  // rewritten with the offsets at the end
    h.entries_off = out.written();
    for (const auto& r : erecs) FZ_RETURN_IF_ERROR(out.Put(r));
    h.nodes_off = out.written();
    for (const auto& r : nrecs) FZ_RETURN_IF_ERROR(out.Put(r));
    h.vocab_off = out.written();
    std::vector<VocabRecord> vrecs(vocab);
    FZ_RETURN_IF_ERROR(out.Write(vrecs.data(), vrecs.size() * sizeof(VocabRecord)));
    FZ_RETURN_IF_ERROR(out.Align4());
    h.postings_off = out.written();
    std::string list;
    // Base editions come first: their positions are those below base_end.
    uint32_t base_end = 0;
    for (const EntryRecord& r : erecs) {
      if (r.is_base) base_end = r.end_pos;
    }
    for (uint32_t id = 1; id <= vocab; ++id) {
      FZ_RETURN_IF_ERROR(out.Align4());
      uint32_t nodes_base = 0, nodes_all = 0;
      uint32_t next_node_start = 0;  // positions at or past it are in a new node
      size_t node = 0;
      for (uint64_t k = start[id]; k < start[id + 1]; ++k) {
        const uint32_t p = positions[k];
        if (p < next_node_start && nodes_all > 0) continue;
        while (node + 1 < nrecs.size() && nrecs[node + 1].start_pos <= p) ++node;
        next_node_start = node + 1 < nrecs.size() ? nrecs[node + 1].start_pos : UINT32_MAX;
        ++nodes_all;
        nodes_base += p < base_end;
      }
      vrecs[id - 1] = {cps[id - 1], counts[id], out.written() - h.postings_off, nodes_base, nodes_all};
      list.clear();
      EncodePostings(positions.data() + start[id], counts[id], &list);
      FZ_RETURN_IF_ERROR(out.Write(list.data(), list.size()));
    }
    positions = {};
    {
      // Pair lists (segment_format.h). They take no more memory than the
      // positions just freed: each position starts at most one pair.
      std::vector<uint32_t> by_count;
      for (uint32_t id = 1; id <= vocab; ++id) {
        if (counts[id] >= kBigramMinCount) by_count.push_back(counts[id]);
      }
      uint32_t bar = std::max<uint32_t>(kBigramMinCount, static_cast<uint32_t>(total / kBigramShare));
      std::erase_if(by_count, [&](uint32_t c) { return c < bar; });
      if (by_count.size() >= kMaxBigramChars) {
        std::nth_element(by_count.begin(), by_count.begin() + (kMaxBigramChars - 1), by_count.end(), std::greater<>());
        bar = by_count[kMaxBigramChars - 1] + 1;
      }
      h.bigram_min_count = bar;
      std::vector<uint32_t> dense(vocab + 1, UINT32_MAX), frequent;  // id → place among the frequent; and back
      for (uint32_t id = 1; id <= vocab; ++id) {
        if (counts[id] >= bar) {
          dense[id] = static_cast<uint32_t>(frequent.size());
          frequent.push_back(id);
        }
      }
      const uint64_t nf = frequent.size();
      std::vector<uint32_t> pair_count(nf * nf, 0);
      auto for_each_pair = [&](auto&& fn) {
        uint32_t p = 0;
        for (const Entry& e : entries_) {
          uint32_t prev = UINT32_MAX;
          for (char32_t c : e.units) {
            const uint32_t cur = dense[id_of(c)];  // the separator 0 is never frequent
            if (prev != UINT32_MAX && cur != UINT32_MAX) fn(prev * nf + cur, p - 1);
            prev = cur;
            ++p;
          }
        }
      };
      for_each_pair([&](uint64_t pair, uint32_t) { ++pair_count[pair]; });
      std::vector<uint64_t> pair_start(nf * nf + 1, 0);
      for (uint64_t k = 0; k < nf * nf; ++k) pair_start[k + 1] = pair_start[k] + pair_count[k];
      std::vector<uint32_t> pair_pos(pair_start.back());
      {
        std::vector<uint64_t> fill(pair_start.begin(), pair_start.end() - 1);
        for_each_pair([&](uint64_t pair, uint32_t p) { pair_pos[fill[pair]++] = p; });
      }
      std::vector<BigramRecord> brecs;
      for (uint64_t k = 0; k < nf * nf; ++k) {
        if (pair_count[k] > 0) brecs.push_back({frequent[k / nf], frequent[k % nf], pair_count[k], 0, 0});
      }
      FZ_RETURN_IF_ERROR(out.Align4());
      h.bigrams_off = out.written();
      h.num_bigrams = static_cast<uint32_t>(brecs.size());
      FZ_RETURN_IF_ERROR(out.Write(brecs.data(), brecs.size() * sizeof(BigramRecord)));
      for (BigramRecord& b : brecs) {
        FZ_RETURN_IF_ERROR(out.Align4());
        b.offset = out.written() - h.postings_off;
        list.clear();
        const uint64_t k = uint64_t{dense[b.first]} * nf + dense[b.second];
        EncodePostings(pair_pos.data() + pair_start[k], b.count, &list);
        FZ_RETURN_IF_ERROR(out.Write(list.data(), list.size()));
      }
      FZ_RETURN_IF_ERROR(out.WriteAt(h.bigrams_off, brecs.data(), brecs.size() * sizeof(BigramRecord)));
    }
    FZ_RETURN_IF_ERROR(out.Align4());
    h.codes_off = out.written();
    for (const Entry& e : entries_) {
      for (char32_t c : e.units) {
        const uint32_t id = id_of(c);
        if (h.code_width == 2) {
          FZ_RETURN_IF_ERROR(out.Put(static_cast<uint16_t>(id)));
        } else {
          FZ_RETURN_IF_ERROR(out.Put(id));
        }
      }
    }
    FZ_RETURN_IF_ERROR(out.Align4());
    h.blocks_off = out.written();
    FZ_RETURN_IF_ERROR(out.Write(block_starts.data(), block_starts.size() * 4));
    h.block_lines_off = out.written();
    FZ_RETURN_IF_ERROR(out.Write(block_lines.data(), block_lines.size() * 4));
    h.pages_off = out.written();
    FZ_RETURN_IF_ERROR(out.Write(page_seqs.data(), page_seqs.size() * 4));
    h.strings_off = out.written();
    FZ_RETURN_IF_ERROR(out.Write(strings.data(), strings.size()));
    h.file_size = out.written();
    FZ_RETURN_IF_ERROR(out.WriteAt(h.vocab_off, vrecs.data(), vrecs.size() * sizeof(VocabRecord)));
    FZ_RETURN_IF_ERROR(out.WriteAt(0, &h, sizeof h));
    return out.Finish();
  }();
  if (st.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    st = Status::IoError(path.string() + "：无法完成索引文件：" + std::strerror(errno));
  }
  if (!st.ok()) ::unlink(tmp.c_str());
  return st;
}

}  // namespace fangzhi::search
