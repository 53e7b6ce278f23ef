// 征集: taking in what gazetteer offices digitized themselves. An office
// sends a BagIt bag (RFC 8493) as a zip; CheckBag reports every problem in
// it at once, IngestBag takes it in all or nothing and records where it came
// from. The bag layout and bag-info fields: docs/submission.md.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/status.h"
#include "submission/bag.h"
#include "submission/provenance_store.h"

namespace fangzhi::submission {

// Validates the bag, then unpacks it into a scratch folder (removed
// afterwards) and runs the payload through its importer, so that a bag
// that passes here ingests. An error Status only when the zip cannot be
// read or the scratch folder cannot be written.
Status CheckBag(const std::filesystem::path& zip, const BagLimits& limits, BagReport* report);

struct IngestOptions {
  std::string submitter;  // who hands it in; recorded as given
  std::string bag_name;   // the zip's name as the submitter knows it; "" = the file's name
  // When not empty, the bag's Fangzhi-Region-Code must lie within this
  // region (an office may only submit for its own area): "5101" or "510100"
  // admits 510104 but not 510704 (model::RegionWithin).
  std::string office_region;
  BagLimits limits;
};

struct IngestResult {
  BagReport report;  // every problem, when the bag was refused for them
  SubmissionRecord record;
  std::string title;
};

// All or nothing: validate, unpack into a staging folder inside the data
// dir, import the work, keep the zip under submissions/, record provenance.
// On any failure the library and the data dir are left as they were (the
// staging folder is removed; a data dir this call created is removed).
// A bag with problems returns InvalidInput with result->report filled.
Status IngestBag(const std::filesystem::path& data_dir, const std::filesystem::path& zip,
                 const IngestOptions& options, IngestResult* result);

Status ListSubmissions(const std::filesystem::path& data_dir, std::vector<SubmissionRecord>* out);

}  // namespace fangzhi::submission
