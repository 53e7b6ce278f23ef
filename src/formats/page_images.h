// Page images that belong to an imported work are kept in the data dir under
// images/<work-id>/<file name> (the "image" attr of a page block names them
// relative to the data dir). They must appear together with the work's rows
// and never half: copies go into a staging folder inside the data dir first
// (same file system, so the final step is a rename), the caller commits its
// database transaction, then Commit() renames each work's folder into place.
// Destroying an uncommitted staging removes everything it copied.
//
// Usage (import, BagIt ingest):
//   std::unique_ptr<PageImageStaging> staging;
//   FZ_RETURN_IF_ERROR(PageImageStaging::Begin(data_dir, &staging));  // after the library is open
//   FZ_RETURN_IF_ERROR(staging->Add(work_id, images));                 // copies, checks names
//   FZ_RETURN_IF_ERROR(batch->Commit());                               // the DB transaction
//   FZ_RETURN_IF_ERROR(staging->Commit(replace));                      // renames into place
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace fangzhi::formats {

inline constexpr const char* kImagesDirName = "images";

// One image to copy: `from` anywhere on disk, `file_name` a plain file name
// (no '/', not "." or ".."), stored as images/<work-id>/<file_name>.
struct PageImage {
  std::filesystem::path from;
  std::string file_name;

  bool operator==(const PageImage&) const = default;
};

// "images/<work_id>/<file_name>": the value of a page block's "image" attr.
std::string PageImageRelativePath(const std::string& work_id, const std::string& file_name);

class PageImageStaging {
 public:
  ~PageImageStaging();
  PageImageStaging(const PageImageStaging&) = delete;
  PageImageStaging& operator=(const PageImageStaging&) = delete;

  // Creates <data_dir>/.staging-images-<random>/ (the data dir must exist).
  static Status Begin(const std::filesystem::path& data_dir, std::unique_ptr<PageImageStaging>* out);

  // Copies the images of one work into the staging folder. A work id given
  // twice, an unsafe file name, two images with one name or an unreadable
  // source file is an error naming the file.
  Status Add(const std::string& work_id, const std::vector<PageImage>& images);

  // Moves each staged work folder to <data_dir>/images/<work-id>. An existing
  // folder is refused unless `replace`, in which case it is replaced (the old
  // one is moved aside first and deleted only after the new one is in place).
  // Call only after the database transaction committed.
  Status Commit(bool replace);

  // Folders of works staged so far.
  const std::vector<std::string>& work_ids() const { return work_ids_; }

 private:
  PageImageStaging() = default;
  std::filesystem::path data_dir_;
  std::filesystem::path staging_;
  std::vector<std::string> work_ids_;
  bool committed_ = false;
};

// Removes <data_dir>/images/<work_id> if present (e.g. after `remove`).
Status RemovePageImages(const std::filesystem::path& data_dir, const std::string& work_id);

}  // namespace fangzhi::formats
