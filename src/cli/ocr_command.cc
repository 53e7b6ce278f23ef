// `fangzhi ocr IMAGES... -o OUT`: page images to ALTO 4.3 + plain text.
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "digitize/ocr_batch.h"

namespace fangzhi::cli {

int RunOcr(const CommandLine& cl) {
  if (cl.args.empty()) {
    return Fail(Status::InvalidInput("ocr 需要至少一个图像文件；运行 fangzhi ocr --help 查看用法"));
  }
  const std::string out = cl.Value("-o", cl.Value("--output"));
  if (out.empty()) return Fail(Status::InvalidInput("ocr 需要输出目录：-o 目录 / -o OUT is required"));
  digitize::OcrOptions options;
  if (!digitize::ParseLangChoice(cl.Value("--lang", "auto"), &options.lang)) {
    return Fail(Status::InvalidInput("--lang “" + cl.Value("--lang") + "” 无效；可选 chi_sim、chi_tra、chi_tra_vert、auto"));
  }
  if (!digitize::ParseLayoutChoice(cl.Value("--layout", "auto"), &options.layout)) {
    return Fail(
        Status::InvalidInput("--layout “" + cl.Value("--layout") + "” 无效；可选 horizontal、vertical、auto"));
  }
  unsigned threads = 0;
  if (const std::string j = cl.Value("--jobs"); !j.empty()) {
    try {
      threads = static_cast<unsigned>(std::stoul(j));
    } catch (...) {
      return Fail(Status::InvalidInput("--jobs “" + j + "” 不是正整数"));
    }
  }
  std::vector<std::filesystem::path> images(cl.args.begin(), cl.args.end());
  digitize::OcrBatchResult result;
  Status s;
  {
    ProgressBar bar("识别 OCR");
    s = digitize::RunOcrBatch(images, out, options, threads, [&](size_t done, size_t total) { bar.Update(done, total); },
                              &result);
  }
  if (!s.ok()) return Fail(s);
  for (const Status& f : result.failures) std::cerr << "错误：" << f.message() << "\n";
  std::cout << "已识别 " << result.done << " 页，跳过已完成 " << result.skipped << " 页，失败 " << result.failures.size()
            << " 页 → " << out << "\n";
  if (!result.failures.empty()) {
    // Bad images are the user's input; any other failure is the environment.
    for (const Status& f : result.failures) {
      if (f.code() == Status::Code::kIoError) return kExitFailure;
    }
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace fangzhi::cli
