#include "cli/command_line.h"

namespace fangzhi::cli {

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
      {"import", {}, {"--replace"}},
      {"works", {}, {"--json"}},
      {"show", {"--edition"}, {"--json"}},
      {"export", {"--format", "--edition", "-o", "--output"}, {}},
      {"remove", {}, {}},
      {"index", {}, {"--rebuild"}},
      {"search", {"--limit", "--offset", "--sort", "--window", "--facets", "--facet-limit"}, {"--json"}},
      {"check", {"--kind", "--rules", "--config", "--format", "-o", "--output", "--edition", "--period", "--place"}, {"--list-rules"}},
      {"serve", {"--host", "--port", "--threads", "--web", "--cache-mb", "--cookie-secure"}, {"--log"}},
      {"user", {"--role", "--office", "--office-name"}, {"--password-stdin", "--json"}},
      {"office", {}, {"--json"}},
      {"ocr", {"--lang", "--layout", "-o", "--output", "--jobs"}, {}},
      {"submission", {"--submitter"}, {"--json"}},
      {"review", {"--framework", "--kind", "--edition", "--chars", "--seed", "--weights", "--format", "-o", "--output"}, {"--json", "--diff"}},
      {"help", {}, {}},
      {"version", {}, {}},
  };
  return kCommands;
}

Status ParseCommandLine(int argc, char** argv, CommandLine* out) {
  CommandLine cl;
  const CommandSpec* spec = nullptr;
  bool only_args = false;  // after "--"
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (only_args) {
      cl.args.push_back(a);
      continue;
    }
    if (a == "--") {
      only_args = true;
      continue;
    }
    std::string inline_value;
    bool has_inline = false;
    if (a.starts_with("--") && a.find('=') != std::string::npos) {
      inline_value = a.substr(a.find('=') + 1);
      a = a.substr(0, a.find('='));
      has_inline = true;
    }
    if (a == "-h" || a == "--help") {
      cl.help = true;
      continue;
    }
    if (a == "--data" || a == "-d") {
      if (!has_inline && i + 1 >= argc) return Status::InvalidInput("--data 需要一个目录参数");
      cl.data_dir = has_inline ? inline_value : argv[++i];
      if (cl.data_dir.empty()) return Status::InvalidInput("--data 的目录不能为空");
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      if (spec == nullptr) return Status::InvalidInput("未知的全局选项 " + a + "（请先写子命令）");
      if (spec->value_flags.count(a)) {
        if (!has_inline && i + 1 >= argc) return Status::InvalidInput(a + " 需要一个参数");
        std::string key = a == "--output" ? "-o" : a;
        cl.values[key] = has_inline ? inline_value : argv[++i];
        continue;
      }
      if (spec->switch_flags.count(a) && !has_inline) {
        cl.switches.insert(a);
        continue;
      }
      return Status::InvalidInput("命令 " + std::string(spec->name) + " 没有选项 " + a +
                                  "；运行 fangzhi " + spec->name + " --help 查看用法");
    }
    if (spec == nullptr) {
      for (const CommandSpec& c : Commands()) {
        if (a == c.name) spec = &c;
      }
      if (spec == nullptr) {
        return Status::InvalidInput("未知的命令 “" + a + "”；运行 fangzhi --help 查看全部命令");
      }
      cl.command = a;
      continue;
    }
    cl.args.push_back(a);
  }
  *out = std::move(cl);
  return Status::Ok();
}

}  // namespace fangzhi::cli
