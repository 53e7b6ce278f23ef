#include "cli/help.h"

#include <map>

namespace fangzhi::cli {

std::string MainHelp() {
  return R"(方志平台 Fangzhi —— 地方志书、年鉴与地情资料的编校、数字化、检索与发布
Fangzhi — compile, check, digitize, search and publish Chinese local gazetteers

用法 Usage:
  fangzhi [--data 目录] 命令 [选项] [参数]
  fangzhi [--data DIR] COMMAND [OPTIONS] [ARGS]

命令 Commands:
  import 路径...        导入 Kanripo 文本目录、志鉴稿 .md、纯文本 .txt 或导出的 .json
                        import Kanripo folders, manuscript .md, plain .txt, exported .json
  works [--json]        列出库中作品：编号、题名、类型、地区、朝代、版本、汉字数
                        list the works: id, title, kind, region, dynasty, editions, Han characters
  show 作品[/路径]      显示作品的篇目树，或一个节点的正文
                        show a work's node tree, or one node's text
  export 作品 --format txt|json [--edition 版本] [-o 文件]
                        导出作品 export a work
  remove 作品           从库中删除作品 remove a work
  index [--rebuild]     更新全文检索索引（导入、删除后会自动更新）update the full-text index
  search 查询 [选项]    全文检索：出现次数、分面、KWIC、引文 full-text search with KWIC and facets
  check 稿件... [选项]  检查志书、年鉴稿件（.md、.docx、.txt）的体例、文风、数字、标点 check manuscripts
  serve [--port 8080]   启动数字方志馆网站、JSON API 与 OAI-PMH
                        serve the web library, the JSON API and OAI-PMH
  help [命令]           显示帮助 show help
  version               显示版本 show the version

全局选项 Global options:
  --data 目录, -d 目录  数据目录，默认 ./fangzhi-data（首次使用时创建）
                        data dir, default ./fangzhi-data (created on first use)
  -h, --help            显示帮助 show help

退出码 Exit codes: 0 成功 success; 1 运行环境出错 environment failure (disk, data dir);
                   2 输入或用法有误 bad input or usage.
详见 See docs/cli.md.
)";
}

std::string CommandHelp(const std::string& command) {
  static const std::map<std::string, std::string> kHelp = {
      {"import", R"(用法 Usage: fangzhi [--data 目录] import 路径... [--replace]

把文本导入库中。每个路径可以是：
  Kanripo 文本目录（含 master/ 及 SBCK/、WYG/ 等版本目录，或直接含 KR编号_NNN.txt）
  志鉴稿 Markdown（.md，带 YAML 前置元数据，见 docs/manuscript-format.md）
  纯文本（.txt，一部作品，空行分段）
  方志平台导出的 JSON（.json，export --format json 的结果）
一次导入的全部作品在一个事务中写入：要么全部入库，要么库不变。

Imports texts. PATH may be a Kanripo text folder, a manuscript .md, a plain .txt or
a Fangzhi .json export. All works of one command are stored in one transaction.

选项 Options:
  --replace   作品编号已在库中时用新文本替换（默认拒绝）
              replace a work whose id is already in the library (refused by default)
)"},
      {"works", R"(用法 Usage: fangzhi [--data 目录] works [--json]

列出库中作品：编号、题名、类型、地区、朝代/年代、版本、汉字数（底本）。
Lists the works: id, title, kind, region, dynasty/era, editions, Han characters (base edition).

选项 Options:
  --json   输出 JSON（格式见 docs/cli.md） print JSON (see docs/cli.md)
)"},
      {"show", R"(用法 Usage: fangzhi [--data 目录] show 作品[/路径] [--edition 版本] [--json]

不带路径：显示作品的篇目树（卷、篇章节、类目分目条目）及各节点汉字数。
带路径：显示该节点的正文；夹注以（…）标出，页码以〔1a〕标出。
Without a path: the work's node tree. With a path (e.g. KR2i0003/001): that node's text.

选项 Options:
  --edition 版本   指定版本（默认底本） choose an edition (default: the base edition)
  --json           输出 JSON print JSON
)"},
      {"export", R"(用法 Usage: fangzhi [--data 目录] export 作品 --format txt|json [--edition 版本] [-o 文件]

导出作品。txt：一个版本的纯文本（默认底本）；json：完整的数据模型（默认全部版本），
可用 import 再次导入。-o 写入文件（先写临时文件再改名，不会留下半个文件），默认输出到标准输出。
Exports a work. txt: one edition as plain text; json: the whole model, re-importable.

选项 Options:
  --format txt|json   导出格式 export format (required)
  --edition 版本      只导出该版本 only this edition
  -o, --output 文件   输出文件 output file (default: standard output)
)"},
      {"remove", R"(用法 Usage: fangzhi [--data 目录] remove 作品

从库中删除作品及其全部版本。Removes a work and all its editions.
)"},
      {"index", R"(用法 Usage: fangzhi [--data 目录] index [--rebuild]

更新全文检索索引。导入、删除作品后索引会自动跟上；本命令用于补做中断的更新，
或用 --rebuild 从文库全部重建（索引文件损坏时也用它）。索引在 数据目录/index/ 下。
Brings the full-text index up to date (import and remove already do). --rebuild builds it
anew from the library, also the way out of a damaged index.
)"},
      {"search", R"(用法 Usage: fangzhi [--data 目录] search 查询 [--json] [--limit N] [--offset K]
                   [--sort pos|left|right] [--window W] [--facets work,dynasty,region,kind,edition] [--facet-limit N]

精确全文检索：任意长度（单字亦可），繁简、异体字、全半角折叠，忽略标点与换行。
查询语法：巴蜀（子串）  巴 蜀（同一节点都有）  巴 | 蜀（或）  巴 -蜀（排除）
          "華陽 國志"（短语）  巴 NEAR/5 蜀（相距不超过 5 字）
          筛选 work:KR2i0003  kind:志书  region:51  dynasty:明  edition:WYG|all
默认只检索各书的底本；edition:all 检索全部版本。详见 docs/search.md。
Exact substring search of any length, folded for 繁简, variants and width; punctuation and line
ends ignored. Default scope: each work's base edition. See docs/search.md.

选项 Options:
  --json          输出 JSON（格式见 docs/cli.md） print JSON
  --limit N       每页条数，默认 20，最多 1000 KWIC lines per page (default 20)
  --offset K      从第 K 条起 skip K hits
  --sort S        pos 按位置（默认）、left 按左侧上下文、right 按右侧上下文 sort KWIC lines
  --window W      上下文字数，默认 20 context characters each side (default 20)
  --facets F,…    分面，默认 work,dynasty facets to count (default work,dynasty)
  --facet-limit N 每个分面保留的值数（按出现次数），默认 50，0 为全部 values kept per facet (default 50, 0: all)
)"},
      {"serve", R"(用法 Usage: fangzhi [--data 目录] serve [--host 127.0.0.1] [--port 8080] [--threads N]
                  [--web 目录] [--cache-mb 64] [--log]

启动四川数字方志馆网站：首页、馆藏、阅读、版本对照、全文检索（KWIC、分面、图表、CSV/XLSX 导出），
JSON API（/api/v1，见 docs/api.md）与 OAI-PMH 2.0（/oai）。Ctrl-C 或 SIGTERM 停止。
Serves the web library, the JSON API under /api/v1 (docs/api.md) and OAI-PMH at /oai.

选项 Options:
  --host 地址     监听地址，默认 127.0.0.1 address to listen on (default 127.0.0.1)
  --port 端口     端口，默认 8080；0 为任一空闲端口 port (default 8080; 0: any free port)
  --threads N     工作线程数，默认按本机核数 worker threads (default: sized to the machine)
  --web 目录      网页模板与静态文件目录，默认源码中的 web/ templates and static files
  --cache-mb N    检索结果缓存（MiB），默认 64；0 为不缓存 search answer cache in MiB (default 64; 0: off)
  --log           每个请求在标准错误输出一行 log one line per request to stderr
环境变量 FANGZHI_ADMIN_EMAIL：OAI-PMH Identify 中的管理员邮箱。
)"},
      {"check", R"(用法 Usage: fangzhi [--data 目录] check 稿件... [--kind yearbook|gazetteer] [--rules 规则包|目录]
                   [--config office.toml|office.yaml] [--format text|json|html|docx] [-o 输出] [--list-rules]

检查志书、年鉴稿件：第一人称、相对时间、数字用法（GB/T 15835）、标点（GB/T 15834）、计量单位（GB 3100）、
规范表述、文风、体例（条目标题、层级、必备类目、大事记）、全书一致、错别字。稿件可以是 .md、.docx、.txt，
或库中的作品编号（配合 --data）。规则是 rules/ 下的数据；详见 docs/checks.md。
Checks 志书 and 年鉴 manuscripts (.md, .docx, .txt, or a work id in the library with --data)
against the rule packs under rules/. See docs/checks.md.

选项 Options:
  --kind K          yearbook（年鉴）或 gazetteer（志书）；默认按稿件的类别 kind of book (default: the work's)
  --rules P         规则包文件或目录，默认内置的 rules/ a rule pack or folder (default: built in)
  --config F        办公室配置（.toml 或 .yaml）：停用规则、改级别与阈值、加词表 office settings
  --format F        text（默认，每处一行 文件:行:列 规则 说明）、json、html、docx（批注写回文档，需 -o）
  -o, --output F    输出文件，默认标准输出 output file (default: standard output)
  --edition E       库中作品的版本 edition of a work in the library
  --list-rules      列出全部规则 list the rules
退出码 Exit codes: 0 没有达到 fail_on 级别（默认 warning）的问题 no finding at or above fail_on;
                   1 有 findings; 2 输入有误（不写出任何文件）bad input, nothing written.
)"},
      {"help", "用法 Usage: fangzhi help [命令 COMMAND]\n"},
      {"version", "用法 Usage: fangzhi version\n"},
  };
  auto it = kHelp.find(command);
  return it == kHelp.end() ? "" : it->second;
}

}  // namespace fangzhi::cli
