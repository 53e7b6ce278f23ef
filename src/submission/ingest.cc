#include <unistd.h>

#include <random>
#include <set>
#include <system_error>

#include "formats/page_images.h"
#include "model/document.h"
#include "model/region.h"
#include "store/library.h"
#include "submission/payload_import.h"
#include "submission/submission.h"

namespace fs = std::filesystem;

namespace fangzhi::submission {

namespace {

constexpr const char* kStagingDir = "submission-staging";
constexpr const char* kArchiveDir = "submissions";

// Problems that mean the archive was not (safely) unpacked: nothing in it can be imported.
bool ArchiveUnsafe(const BagReport& r) {
  static const std::set<std::string> kCodes = {"zip-too-large",  "bad-zip",          "empty-zip",   "too-many-entries",
                                               "unsafe-path",    "bad-name-encoding", "symlink",     "special-file",
                                               "encrypted",      "duplicate-name",    "zip-bomb",    "missing-bagit",
                                               "bad-member",     "tag-too-large"};
  for (const Problem& p : r.problems) {
    if (kCodes.count(p.code)) return true;
  }
  return false;
}

std::string RandomName(const char* prefix) {
  std::random_device rd;
  std::uniform_int_distribution<uint64_t> dist;
  static const char* kHex = "0123456789abcdef";
  std::string s = std::string(prefix) + std::to_string(getpid()) + "-";
  uint64_t v = dist(rd);
  for (int i = 0; i < 16; ++i, v >>= 4) s += kHex[v & 15];
  return s;
}

// Removes a folder and everything in it when it goes out of scope.
class RemoveOnExit {
 public:
  explicit RemoveOnExit(fs::path p) : path_(std::move(p)) {}
  ~RemoveOnExit() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  RemoveOnExit(const RemoveOnExit&) = delete;
  RemoveOnExit& operator=(const RemoveOnExit&) = delete;

 private:
  fs::path path_;
};

Status MakeScratch(const fs::path& parent, fs::path* out) {
  std::error_code ec;
  for (int attempt = 0; attempt < 8; ++attempt) {
    // Inside the loop: another ingest that just finished may remove an empty parent.
    fs::create_directories(parent, ec);
    if (ec) return Status::IoError(parent.string() + "：无法创建暂存目录：" + ec.message());
    const fs::path p = parent / RandomName("bag-");
    if (fs::create_directory(p, ec)) {
      *out = p;
      return Status::Ok();
    }
    if (ec && ec != std::errc::no_such_file_or_directory) {
      return Status::IoError(p.string() + "：无法创建暂存目录：" + ec.message());
    }
  }
  return Status::IoError(parent.string() + "：无法创建暂存目录");
}

Status ProblemsStatus(const BagReport& r) {
  std::string msg = "提交包 " + r.zip_name + " 有 " + std::to_string(r.problems.size()) + " 个问题，未入库：";
  for (size_t i = 0; i < r.problems.size(); ++i) msg += "\n  " + std::to_string(i + 1) + ". " + r.problems[i].message;
  return Status::InvalidInput(msg);
}

// Validates into `staging` and builds the work when the payload can be read.
// `name` is the zip's name as the submitter knows it (the staged copy is "bag.zip").
Status ValidateAndBuild(const fs::path& zip, const std::string& name, const BagLimits& limits, const fs::path& staging,
                        BagReport* report, model::Document* doc, std::vector<formats::PageImage>* images) {
  FZ_RETURN_IF_ERROR(ValidateBag(zip, limits, staging, report));
  report->zip_name = name;
  if (!ArchiveUnsafe(*report)) BuildWork(*report, staging, doc, images, &report->problems);
  return Status::Ok();
}

}  // namespace

Status CheckBag(const fs::path& zip, const BagLimits& limits, BagReport* report) {
  const fs::path parent = fs::temp_directory_path() / "fangzhi-submission-check";
  fs::path scratch;
  FZ_RETURN_IF_ERROR(MakeScratch(parent, &scratch));
  Status s;
  {
    RemoveOnExit cleanup(scratch);
    model::Document doc;
    std::vector<formats::PageImage> images;
    s = ValidateAndBuild(zip, zip.filename().string(), limits, scratch, report, &doc, &images);
  }
  std::error_code ec;
  fs::remove(parent, ec);  // only when empty: another check may be running
  return s;
}

Status IngestBag(const fs::path& data_dir, const fs::path& zip, const IngestOptions& options, IngestResult* result) {
  *result = IngestResult();
  BagReport& report = result->report;
  // 1. Read-only pass: a bad bag never touches the data dir.
  const std::string bag_name = options.bag_name.empty() ? zip.filename().string() : options.bag_name;
  FZ_RETURN_IF_ERROR(ValidateBag(zip, options.limits, fs::path(), &report));
  report.zip_name = bag_name;
  if (!report.ok()) return ProblemsStatus(report);
  const std::string region = report.Info("Fangzhi-Region-Code");
  if (!options.office_region.empty() && !model::RegionWithin(region, options.office_region)) {
    report.problems.push_back({"region-not-yours", "bag-info.txt", 0, "Fangzhi-Region-Code",
                               "bag-info.txt：Fangzhi-Region-Code " + region + " 不在本单位的行政区划 " +
                                   options.office_region + " 之内，只能报送本地区的成果"});
    return ProblemsStatus(report);
  }

  std::error_code ec;
  const bool existed = fs::exists(data_dir, ec);
  bool done = false;
  std::unique_ptr<store::Library> lib;
  std::unique_ptr<ProvenanceStore> provenance;
  // Leaves a data dir this call created as it found it: absent.
  struct DataDirGuard {
    const fs::path& dir;
    bool existed;
    bool& done;
    std::unique_ptr<store::Library>& lib;
    std::unique_ptr<ProvenanceStore>& provenance;
    ~DataDirGuard() {
      if (done || existed) return;
      lib.reset();
      provenance.reset();
      std::error_code e;
      fs::remove_all(dir, e);
    }
  } guard{data_dir, existed, done, lib, provenance};

  FZ_RETURN_IF_ERROR(ProvenanceStore::Open(data_dir, &provenance));
  FZ_RETURN_IF_ERROR(store::Library::Open(data_dir, &lib));
  SubmissionRecord earlier;
  bool found = false;
  FZ_RETURN_IF_ERROR(provenance->FindByBag(report.zip_sha256, &earlier, &found));
  if (found) {
    return Status::AlreadyExists("提交包 " + report.zip_name + " 已于 " + earlier.received_at + " 入库（第 " +
                                 std::to_string(earlier.id) + " 号提交，作品 " + earlier.work_id + "），不再重复入库");
  }
  const std::string work_id = report.Info("Fangzhi-Work-Id");
  store::WorkSummary existing;
  if (lib->GetWork(work_id, &existing).ok()) {
    return Status::AlreadyExists("作品 " + work_id + "（《" + existing.work.title +
                                 "》）已在库中；提交包的 Fangzhi-Work-Id 须是新的作品编号");
  }

  // 2. Staging inside the data dir: our own copy of the zip, unpacked and
  //    checked again (the file we were given may change under us).
  const fs::path staging_root = data_dir / kStagingDir;
  fs::path staging;
  FZ_RETURN_IF_ERROR(MakeScratch(staging_root, &staging));
  struct StagingGuard {
    fs::path staging, root;
    ~StagingGuard() {
      std::error_code e;
      fs::remove_all(staging, e);
      fs::remove(root, e);  // only when empty: another ingest may be staging
    }
  } staging_guard{staging, staging_root};
  const fs::path copy = staging / "bag.zip";
  if (!fs::copy_file(zip, copy, ec) || ec) {
    return Status::IoError(copy.string() + "：无法复制提交包到暂存目录：" + ec.message());
  }
  BagReport staged;
  model::Document doc;
  std::vector<formats::PageImage> images;
  FZ_RETURN_IF_ERROR(
      ValidateAndBuild(copy, bag_name, options.limits, staging / "bag", &staged, &doc, &images));
  if (staged.zip_sha256 != report.zip_sha256) {
    return Status::InvalidInput(zip.string() + "：文件在校验过程中被改动，请重新提交");
  }
  if (!staged.ok()) {
    report = staged;
    return ProblemsStatus(report);
  }
  report = staged;
  // Page images (ALTO payloads) are copied now and put in place after the work is stored.
  std::unique_ptr<formats::PageImageStaging> page_images;
  if (!images.empty()) {
    if (fs::exists(data_dir / formats::kImagesDirName / work_id, ec)) {
      return Status::AlreadyExists((data_dir / formats::kImagesDirName / work_id).string() +
                                   "：已有该作品编号的页面图像，请换一个 Fangzhi-Work-Id");
    }
    FZ_RETURN_IF_ERROR(formats::PageImageStaging::Begin(data_dir, &page_images));
    FZ_RETURN_IF_ERROR(page_images->Add(work_id, images));
  }

  // 3. The zip is kept as received, named by its checksum.
  const fs::path archive_dir = data_dir / kArchiveDir;
  const bool archive_dir_existed = fs::exists(archive_dir, ec);
  fs::create_directories(archive_dir, ec);
  if (ec) return Status::IoError(archive_dir.string() + "：无法创建目录：" + ec.message());
  const std::string archive_name = report.zip_sha256 + ".zip";
  const fs::path archive = archive_dir / archive_name;
  if (fs::exists(archive, ec)) {
    return Status::AlreadyExists(archive.string() + "：同一提交包的存档已存在，不再重复入库");
  }
  fs::rename(copy, archive, ec);
  if (ec) return Status::IoError(archive.string() + "：无法保存提交包：" + ec.message());
  auto drop_archive = [&] {
    std::error_code e;
    fs::remove(archive, e);
    if (!archive_dir_existed) fs::remove(archive_dir, e);
  };

  // 4. The work and its provenance in one transaction; then the page
  //    images are renamed into place (a file step, undone by hand).
  SubmissionRecord& rec = result->record;
  rec.work_id = doc.work.id;
  rec.organization = report.Info("Source-Organization");
  rec.region_code = region;
  rec.submitter = options.submitter;
  rec.bagging_date = report.Info("Bagging-Date");
  rec.bag_name = report.zip_name;
  rec.bag_sha256 = report.zip_sha256;
  rec.bag_bytes = report.zip_bytes;
  rec.archive = std::string(kArchiveDir) + "/" + archive_name;
  rec.info = report.info;
  rec.files = report.payload;
  if (Status s = lib->ImportWith(doc, false, [&rec](store::Database* db) { return ProvenanceStore::Write(db, &rec); });
      !s.ok()) {
    drop_archive();
    return s;
  }
  if (page_images) {
    if (Status s = page_images->Commit(false); !s.ok()) {
      (void)lib->Remove(doc.work.id);
      (void)provenance->Forget(rec.id);  // the ingest did not happen after all
      drop_archive();
      return s;
    }
  }
  result->title = doc.work.title;
  done = true;
  return Status::Ok();
}

Status ListSubmissions(const fs::path& data_dir, std::vector<SubmissionRecord>* out) {
  std::error_code ec;
  if (!fs::exists(data_dir / "fangzhi.db", ec)) {
    out->clear();
    return Status::Ok();
  }
  std::unique_ptr<ProvenanceStore> store;
  FZ_RETURN_IF_ERROR(ProvenanceStore::Open(data_dir, &store));
  return store->List(out);
}

}  // namespace fangzhi::submission
