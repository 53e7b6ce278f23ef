#include "search/index.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "search/segment_writer.h"

namespace fs = std::filesystem;

namespace fangzhi::search {
namespace {

constexpr const char* kManifest = "manifest.json";
constexpr const char* kFormat = "fangzhi-index";
constexpr int kManifestVersion = 1;

std::string SegmentFileName(uint64_t id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "seg-%06llu.fzs", static_cast<unsigned long long>(id));
  return buf;
}

// One writer at a time per data dir: an exclusive lock on index/LOCK.
class UpdateLock {
 public:
  Status Acquire(const fs::path& dir) {
    const std::string p = (dir / "LOCK").string();
    fd_ = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return Status::IoError(p + "：无法创建索引锁：" + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      return Status::IoError(dir.string() + "：另一个进程正在更新索引，请稍后再试");
    }
    return Status::Ok();
  }
  ~UpdateLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  int fd_ = -1;
};

Status SyncDir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(dir.string() + "：无法同步目录");
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Status::IoError(dir.string() + "：无法同步目录");
}

}  // namespace

Status Index::Open(store::Library* lib, std::unique_ptr<Index>* out) {
  std::unique_ptr<Index> idx(new Index());
  idx->lib_ = lib;
  idx->dir_ = lib->data_dir() / "index";
  std::error_code ec;
  fs::create_directories(idx->dir_, ec);
  if (ec) return Status::IoError(idx->dir_.string() + "：无法创建索引目录：" + ec.message());
  FZ_RETURN_IF_ERROR(idx->Load());
  *out = std::move(idx);
  return Status::Ok();
}

Status Index::Load() {
  const fs::path mpath = dir_ / kManifest;
  std::error_code ec;
  segments_.clear();
  manifest_exists_ = fs::exists(mpath, ec);
  std::set<std::string> referenced;
  if (manifest_exists_) {
    std::ifstream in(mpath, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const auto j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != kFormat ||
        j.value("version", 0) != kManifestVersion || !j.contains("segments") || !j["segments"].is_array()) {
      return Status::Corruption(mpath.string() + "：索引清单无法读取，请运行 fangzhi index --rebuild");
    }
    last_change_ = j.value("last_change", int64_t{0});
    next_segment_ = j.value("next_segment", uint64_t{1});
    stale_format_ = false;
    for (const auto& js : j["segments"]) {
      IndexedSegment s;
      const std::string file = js.value("file", "");
      if (file.empty() || file.find('/') != std::string::npos) {
        return Status::Corruption(mpath.string() + "：索引清单中的段文件名无效");
      }
      std::unique_ptr<Segment> seg;
      Status st = Segment::Open(dir_ / file, &seg);
      if (st.code() == Status::Code::kUnsupported) {
        stale_format_ = true;
        segments_.clear();
        break;
      }
      FZ_RETURN_IF_ERROR(st);
      s.segment = std::move(seg);
      for (const auto& w : js.value("works", nlohmann::json::array())) s.works.insert(w.get<std::string>());
      for (const auto& w : js.value("dead", nlohmann::json::array())) s.dead.insert(w.get<std::string>());
      referenced.insert(file);
      segments_.push_back(std::move(s));
    }
  }
  if (stale_format_) return Status::Ok();  // keep the old files until a rebuild replaces them
  // Leftovers of an update that never reached its manifest.
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string n = e.path().filename().string();
    const bool ours = n.ends_with(".tmp") || (n.starts_with("seg-") && n.ends_with(".fzs"));
    if (ours && !referenced.count(n)) fs::remove(e.path(), ec);
  }
  return Status::Ok();
}

Status Index::WriteManifest(const std::vector<IndexedSegment>& segs, int64_t last_change, uint64_t next_id) {
  nlohmann::ordered_json j;
  j["format"] = kFormat;
  j["version"] = kManifestVersion;
  j["last_change"] = last_change;
  j["next_segment"] = next_id;
  j["segments"] = nlohmann::ordered_json::array();
  for (const IndexedSegment& s : segs) {
    j["segments"].push_back({{"file", s.segment->name()},
                             {"works", std::vector<std::string>(s.works.begin(), s.works.end())},
                             {"dead", std::vector<std::string>(s.dead.begin(), s.dead.end())}});
  }
  const std::string text = j.dump(1) + "\n";
  const fs::path tmp = dir_ / (std::string(kManifest) + ".tmp");
  {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IoError(tmp.string() + "：无法写入索引清单：" + std::strerror(errno));
    const ssize_t w = ::write(fd, text.data(), text.size());
    const bool ok = w == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return Status::IoError(tmp.string() + "：写入索引清单失败（磁盘已满？）");
  }
  if (std::rename(tmp.c_str(), (dir_ / kManifest).c_str()) != 0) {
    return Status::IoError((dir_ / kManifest).string() + "：无法替换索引清单：" + std::strerror(errno));
  }
  return SyncDir(dir_);
}

Status Index::Apply(std::vector<IndexedSegment> keep, const std::vector<std::string>& to_index, int64_t last_change,
                    const Progress& progress, UpdateReport* report) {
  std::vector<IndexedSegment> next = std::move(keep);
  uint64_t next_id = next_segment_;
  std::vector<fs::path> written;
  auto cleanup = [&] {
    std::error_code ec;
    for (const auto& p : written) fs::remove(p, ec);
  };
  SegmentWriter writer;
  std::set<std::string> in_writer;
  auto flush = [&]() -> Status {
    if (writer.empty()) return Status::Ok();
    const fs::path path = dir_ / SegmentFileName(next_id++);
    FZ_RETURN_IF_ERROR(writer.Write(path));
    written.push_back(path);
    std::unique_ptr<Segment> seg;
    FZ_RETURN_IF_ERROR(Segment::Open(path, &seg));
    report->units += seg->header().num_units;
    next.push_back({std::shared_ptr<const Segment>(std::move(seg)), in_writer, {}});
    ++report->segments_written;
    writer = SegmentWriter();
    in_writer.clear();
    return Status::Ok();
  };
  for (size_t i = 0; i < to_index.size(); ++i) {
    Status s = writer.AddWork(lib_, to_index[i]);
    if (s.code() == Status::Code::kNotFound) continue;  // removed meanwhile: nothing to index
    if (s.ok()) {
      in_writer.insert(to_index[i]);
      ++report->works_indexed;
      if (writer.units() >= kMaxSegmentUnits) s = flush();
    }
    if (!s.ok()) {
      cleanup();
      return s;
    }
    if (progress) progress(i + 1, to_index.size());
  }
  Status s = flush();
  if (s.ok()) s = WriteManifest(next, last_change, next_id);
  if (!s.ok()) {
    cleanup();
    return s;
  }
  // The new manifest is in place: segments no longer named can go (open
  // readers keep their mapping until they close it).
  std::set<std::string> live;
  for (const auto& seg : next) live.insert(seg.segment->name());
  for (const auto& seg : segments_) {
    if (!live.count(seg.segment->name())) {
      std::error_code ec;
      fs::remove(dir_ / seg.segment->name(), ec);
    }
  }
  segments_ = std::move(next);
  last_change_ = last_change;
  next_segment_ = next_id;
  manifest_exists_ = true;
  return Status::Ok();
}

Status Index::Update(const Progress& progress, UpdateReport* report) {
  *report = UpdateReport();
  UpdateLock lock;
  FZ_RETURN_IF_ERROR(lock.Acquire(dir_));
  FZ_RETURN_IF_ERROR(Load());  // another process may have moved it on
  if (stale_format_) return RebuildLocked(progress, report);
  std::vector<store::Change> changes;
  FZ_RETURN_IF_ERROR(lib_->ListChanges(last_change_, &changes));
  if (changes.empty() && manifest_exists_) {
    report->up_to_date = true;
    return Status::Ok();
  }
  int64_t last = last_change_;
  std::vector<std::string> affected;
  std::set<std::string> affected_set;
  for (const auto& c : changes) {
    last = std::max(last, c.seq);
    if (affected_set.insert(c.work_id).second) affected.push_back(c.work_id);
  }
  std::vector<IndexedSegment> keep = segments_;
  for (IndexedSegment& s : keep) {
    for (const std::string& w : affected) {
      if (s.works.count(w) && s.dead.insert(w).second) ++report->works_dropped;
    }
  }
  std::vector<std::string> to_index = affected;
  // Merge: segments mostly dead, and the smallest ones when there are too many.
  std::vector<IndexedSegment> survivors;
  std::vector<IndexedSegment> merged;
  for (IndexedSegment& s : keep) {
    if (s.dead.size() * 2 >= s.works.size()) merged.push_back(std::move(s)); else survivors.push_back(std::move(s));
  }
  if (survivors.size() + 1 > kMaxSegments) {
    std::sort(survivors.begin(), survivors.end(), [](const IndexedSegment& a, const IndexedSegment& b) {
      return a.segment->header().num_units > b.segment->header().num_units;
    });
    while (survivors.size() + 1 > kMaxSegments / 2) {
      merged.push_back(std::move(survivors.back()));
      survivors.pop_back();
    }
  }
  for (const IndexedSegment& s : merged) {
    for (const std::string& w : s.works) {
      if (!s.dead.count(w) && !affected_set.count(w)) to_index.push_back(w);
    }
  }
  report->segments_merged = merged.size();
  std::sort(to_index.begin(), to_index.end());
  return Apply(std::move(survivors), to_index, last, progress, report);
}

Status Index::Rebuild(const Progress& progress, UpdateReport* report) {
  *report = UpdateReport();
  UpdateLock lock;
  FZ_RETURN_IF_ERROR(lock.Acquire(dir_));
  FZ_RETURN_IF_ERROR(Load());
  return RebuildLocked(progress, report);
}

Status Index::RebuildLocked(const Progress& progress, UpdateReport* report) {
  std::vector<store::Change> changes;
  FZ_RETURN_IF_ERROR(lib_->ListChanges(0, &changes));
  const int64_t last = changes.empty() ? 0 : changes.back().seq;
  std::vector<store::WorkSummary> works;
  FZ_RETURN_IF_ERROR(lib_->ListWorks(&works));
  std::vector<std::string> ids;
  for (const auto& w : works) ids.push_back(w.work.id);
  report->segments_merged = segments_.size();
  return Apply({}, ids, last, progress, report);
}

}  // namespace fangzhi::search
