// `fangzhi submission validate|ingest|list`: BagIt bags from gazetteer offices (征集).
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "submission/submission.h"

namespace fangzhi::cli {
namespace {

using nlohmann::json;

json ProblemJson(const submission::Problem& p) {
  json j{{"code", p.code}, {"message", p.message}};
  j["file"] = p.file.empty() ? json(nullptr) : json(p.file);
  j["line"] = p.line == 0 ? json(nullptr) : json(p.line);
  j["field"] = p.field.empty() ? json(nullptr) : json(p.field);
  return j;
}

json ReportJson(const submission::BagReport& r) {
  json problems = json::array();
  for (const auto& p : r.problems) problems.push_back(ProblemJson(p));
  json payload = json::array();
  for (const auto& f : r.payload) {
    payload.push_back({{"path", f.path}, {"bytes", f.bytes}, {"sha256", f.sha256}, {"type", submission::PayloadTypeName(f.type)}});
  }
  json info = json::array();
  for (const auto& f : r.info) info.push_back({{"label", f.label}, {"value", f.value}});
  return {{"bag", r.zip_name}, {"bag_sha256", r.zip_sha256.empty() ? json(nullptr) : json(r.zip_sha256)},
          {"bag_bytes", r.zip_bytes}, {"valid", r.ok()}, {"problems", std::move(problems)},
          {"bag_info", std::move(info)}, {"payload", std::move(payload)}};
}

json RecordJson(const submission::SubmissionRecord& r) {
  json files = json::array();
  for (const auto& f : r.files) {
    files.push_back({{"path", f.path}, {"bytes", f.bytes}, {"sha256", f.sha256}, {"type", submission::PayloadTypeName(f.type)}});
  }
  json info = json::array();
  for (const auto& f : r.info) info.push_back({{"label", f.label}, {"value", f.value}});
  return {{"id", r.id},
          {"work_id", r.work_id},
          {"organization", r.organization},
          {"region_code", r.region_code},
          {"submitter", r.submitter},
          {"received_at", r.received_at},
          {"bagging_date", r.bagging_date},
          {"bag", r.bag_name},
          {"bag_sha256", r.bag_sha256},
          {"bag_bytes", r.bag_bytes},
          {"archive", r.archive},
          {"bag_info", std::move(info)},
          {"files", std::move(files)}};
}

void PrintProblems(const submission::BagReport& r) {
  std::cerr << "提交包 " << r.zip_name << " 有 " << r.problems.size() << " 个问题 " << r.problems.size()
            << " problem(s):\n";
  for (size_t i = 0; i < r.problems.size(); ++i) {
    std::cerr << "  " << i + 1 << ". [" << r.problems[i].code << "] " << r.problems[i].message << "\n";
  }
}

int Validate(const CommandLine& cl, const std::string& zip) {
  submission::BagReport report;
  Status s = submission::CheckBag(zip, submission::BagLimits(), &report);
  if (!s.ok()) return Fail(s);
  if (cl.Has("--json")) {
    std::cout << ReportJson(report).dump(2) << "\n";
  } else if (report.ok()) {
    std::cout << "提交包 " << report.zip_name << " 有效 valid：" << report.payload.size() << " 个载荷文件，作品 "
              << report.Info("Fangzhi-Work-Id") << "《" << report.Info("Fangzhi-Work-Title") << "》，报送单位 "
              << report.Info("Source-Organization") << "\n";
  } else {
    PrintProblems(report);
  }
  return report.ok() ? kExitOk : kExitBadInput;
}

int Ingest(const CommandLine& cl, const std::string& zip) {
  submission::IngestOptions options;
  options.submitter = cl.Value("--submitter");
  submission::IngestResult result;
  Status s = submission::IngestBag(cl.data_dir, zip, options, &result);
  if (!s.ok()) {
    if (!result.report.problems.empty()) {
      if (cl.Has("--json")) std::cout << ReportJson(result.report).dump(2) << "\n";
      PrintProblems(result.report);
      return kExitBadInput;
    }
    return Fail(s);
  }
  {
    std::unique_ptr<store::Library> lib;
    if (OpenLibrary(cl, &lib).ok()) UpdateIndexAfterChange(lib.get());
  }
  if (cl.Has("--json")) {
    std::cout << json{{"submission", RecordJson(result.record)}, {"title", result.title}}.dump(2) << "\n";
  } else {
    const auto& r = result.record;
    std::cout << "已入库 ingested：第 " << r.id << " 号提交，作品 " << r.work_id << "《" << result.title << "》，"
              << r.files.size() << " 个载荷文件；报送单位 " << r.organization << "（" << r.region_code << "）"
              << (r.submitter.empty() ? "" : "，提交人 " + r.submitter) << "；SHA-256 " << r.bag_sha256 << "\n";
  }
  return kExitOk;
}

int List(const CommandLine& cl) {
  std::vector<submission::SubmissionRecord> records;
  Status s = submission::ListSubmissions(cl.data_dir, &records);
  if (!s.ok()) return Fail(s);
  if (cl.Has("--json")) {
    json arr = json::array();
    for (const auto& r : records) arr.push_back(RecordJson(r));
    std::cout << json{{"submissions", std::move(arr)}}.dump(2) << "\n";
    return kExitOk;
  }
  if (records.empty()) {
    std::cout << "还没有入库的提交包。用 fangzhi submission ingest 提交包.zip 入库。\n";
    return kExitOk;
  }
  for (const auto& r : records) {
    std::cout << "#" << r.id << "　" << r.received_at << "　作品 " << r.work_id << "　" << r.organization << "（"
              << r.region_code << "）" << (r.submitter.empty() ? "" : "　提交人 " + r.submitter) << "\n"
              << "    " << r.bag_name << "　" << r.bag_bytes << " 字节　打包 " << r.bagging_date << "　SHA-256 "
              << r.bag_sha256 << "\n";
    for (const auto& f : r.files) {
      std::cout << "    " << f.sha256 << "  " << f.path << "（" << submission::PayloadTypeName(f.type) << "，" << f.bytes
                << " 字节）\n";
    }
  }
  return kExitOk;
}

}  // namespace

int RunSubmission(const CommandLine& cl) {
  const std::string sub = cl.args.empty() ? "" : cl.args.front();
  if (sub == "list") {
    if (cl.args.size() != 1) return Fail(Status::InvalidInput("submission list 不接受参数：" + cl.args[1]));
    return List(cl);
  }
  if (sub == "validate" || sub == "ingest") {
    if (cl.args.size() != 2) {
      return Fail(Status::InvalidInput("submission " + sub + " 需要一个提交包（.zip）；运行 fangzhi submission --help 查看用法"));
    }
    if (sub == "validate" && cl.values.count("--submitter")) {
      return Fail(Status::InvalidInput("--submitter 只用于 submission ingest"));
    }
    return sub == "validate" ? Validate(cl, cl.args[1]) : Ingest(cl, cl.args[1]);
  }
  return Fail(Status::InvalidInput(
      (sub.empty() ? std::string("submission 需要子命令") : "未知的子命令 “" + sub + "”") +
      "：validate、ingest 或 list；运行 fangzhi submission --help 查看用法"));
}

}  // namespace fangzhi::cli
