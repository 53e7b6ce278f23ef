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
  review outline|recheck|sample|error-rate ...
                        审查：篇目审查、复核、质量抽查与差错率 outline review, re-check, spot-check, error rate
  ocr 图像... -o 目录   文字识别（OCR）：页面图像 → ALTO 4.3 与纯文本，竖排右起亦可
                        OCR page images to ALTO 4.3 + text, vertical right-to-left pages too
  serve [--port 8080]   启动数字方志馆网站、JSON API 与 OAI-PMH
                        serve the web library, the JSON API and OAI-PMH
  submission validate|ingest 提交包.zip | list
                        征集：校验、入库各地报送的 BagIt 提交包，查看来源记录
                        collect BagIt submissions: validate, ingest, list provenance
  user add|list|disable|passwd ...
                        省级审查系统的账户：添加、列出、停用、改密码（密码从标准输入读）
                        accounts of the review system (passwords are read from stdin)
  office add|list       机构（GB/T 2260 地区代码：省 51、市 5101、县 510104）offices by region code
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
  ALTO 目录（每页一个 .alto.xml，如 fangzhi ocr 的输出，连同页面图像；可有 fangzhi.yaml 元数据，
  见 docs/digitize.md；图像复制到 数据目录/images/作品编号/）
  志鉴稿 Markdown（.md，带 YAML 前置元数据，见 docs/manuscript-format.md）
  志鉴稿 Word（.docx，按标题样式或大纲级别分层；文件名含“志”而不含“年鉴”的按志书分层）
  纯文本（.txt，一部作品，空行分段）
  方志平台导出的 JSON（.json，export --format json 的结果）
一次导入的全部作品在一个事务中写入：要么全部入库，要么库不变。

Imports texts. PATH may be a Kanripo text folder, an ALTO folder, a manuscript .md or
.docx, a plain .txt or a Fangzhi .json export. All works of one command are stored in one transaction.

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
          "華陽 國志"（短语）  巴 NEAR/5 蜀（相距不超过 5 字；near/5 亦可）
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
  --port 端口     端口，默认 8080；0 为任一空闲端口；已被占用则报错退出（退出码 1）
                  port (default 8080; 0: any free port; a port in use is an error, exit code 1)
  --threads N     工作线程数，默认按本机核数 worker threads (default: sized to the machine)
  --web 目录      网页模板与静态文件目录，默认源码中的 web/ templates and static files
  --cache-mb N    检索结果缓存（MiB），默认 64；0 为不缓存 search answer cache in MiB (default 64; 0: off)
  --cookie-secure on|off|auto
                  登录 Cookie 的 Secure 标志；auto（默认）仅在本机回环地址明文访问时不加
                  the Secure flag of the session cookie; auto (default) omits it only for
                  plain-http requests from and to loopback (127.0.0.1, ::1, localhost)
  --log           每个请求在标准错误输出一行 log one line per request to stderr
环境变量 FANGZHI_ADMIN_EMAIL：OAI-PMH Identify 中的管理员邮箱。
)"},
      {"user", R"(用法 Usage:
  fangzhi [--data 目录] user add 用户名 --role 角色 --office 地区代码 [--office-name 名称] [--password-stdin]
  fangzhi [--data 目录] user list [--json]
  fangzhi [--data 目录] user disable 用户名
  fangzhi [--data 目录] user passwd 用户名 [--password-stdin]

省级审查系统的账户。每个用户属于一个机构（GB/T 2260 地区代码：省 51、市 5101、县 510104），有一个角色：
  admin 管理员（管理账户，查看一切，不做审查）；reviewer 省级审读（看本机构辖区内的稿件，做篇目审查、复核、抽查；只能属于省级或市级机构）；
  compiler 编纂（只看、只交本机构的稿件）；digitizer 数字化（校对扫描文本）；reader 读者（仅公开页面）。
密码绝不写在命令行上：--password-stdin 从标准输入读第一行；不加时在终端上提示输入两次（不回显）。
密码至少 8 个字节，用 libsodium 的 Argon2id 散列后保存。机构不存在时，--office-name 一并建立它。
disable 与 passwd 使该用户的所有登录会话立即失效。每一项变更写入只能追加的审计日志。

Accounts of the provincial review system. Each user belongs to an office (a GB/T 2260 region
code) and has one role (admin, reviewer, compiler, digitizer, reader). A reviewer sees the
manuscripts of offices within its own office's region and belongs to a province or city
office, never a county one. Passwords are never
taken from the command line: --password-stdin reads the first line of stdin; without it a
terminal prompt asks twice without echo. At least 8 bytes, stored as an Argon2id hash.
--office-name creates the office when it does not exist yet. disable and passwd end every
session of the user at once. Every change is written to the append-only audit log.

例 Example:
  printf '%s\n' "$PW" | fangzhi user add zhang --role compiler --office 510104 \
      --office-name 成都市锦江区地方志办公室 --password-stdin

选项 Options:
  --role R          admin|reviewer|compiler|digitizer|reader（也接受中文名 管理员、省级审读…）
  --office 代码     所属机构的地区代码 region code of the user's office
  --office-name N   机构不存在时以此名称建立 create the office with this name if missing
  --password-stdin  从标准输入读密码 read the password from stdin
  --json            list 以 JSON 输出 JSON output for list

退出码 Exit codes: 0 成功; 1 环境错误 environment; 2 输入有误（未知用户、未知角色、地区代码无效、密码为空或太短）bad input.
)"},
      {"office", R"(用法 Usage:
  fangzhi [--data 目录] office add 地区代码 名称
  fangzhi [--data 目录] office list [--json]

地方志机构，以 GB/T 2260 行政区划代码标识：省 2 位（51 四川省），市 4 位（5101 成都市），县 6 位（510104 锦江区）。
也可在 user add 时用 --office-name 一并建立。
Gazetteer offices, identified by GB/T 2260 region codes (province 2 digits, city 4, county 6).
`user add … --office-name NAME` creates one on the fly.
)"},
      {"ocr", R"(用法 Usage: fangzhi ocr 图像... [--lang chi_sim|chi_tra|chi_tra_vert|auto]
                   [--layout horizontal|vertical|auto] [--jobs N] -o 目录

用 Tesseract 识别页面图像（PNG、JPEG、TIFF…），每页写出 目录/<文件名>.alto.xml（ALTO 4.3：
行、逐字的位置框与置信度；竖排行标 BASEDIRECTION="ttb"，阅读顺序自右至左）和 目录/<文件名>.txt。
多页在各 CPU 核上并行；可续跑：已完成的页（ALTO 已完整写出）再次运行时跳过。
--layout auto 按投影轮廓判断横排或竖排；--lang auto 横排用 chi_sim，竖排把各列切成单字、排成横行
后用 chi_tra 识别（实测优于 chi_tra_vert）；--lang chi_tra_vert 则用 Tesseract 的竖排模式（PSM 5）。
识别结果目录连同图像可用 fangzhi import 目录 导入（见 docs/digitize.md）。

OCR of page images with Tesseract: one ALTO 4.3 file (lines, per-character boxes and
confidences; vertical lines BASEDIRECTION="ttb", reading order right to left) and one
text file per page. Pages run in parallel across cores; a rerun skips finished pages.
--layout auto decides horizontal/vertical from projection profiles; --lang auto uses
chi_sim for horizontal pages and, for vertical ones, cuts columns into characters laid out
as horizontal lines read by chi_tra (measured better than chi_tra_vert); --lang
chi_tra_vert uses Tesseract's vertical mode (PSM 5). Import the output folder
with `fangzhi import OUT` (docs/digitize.md).

选项 Options:
  --lang L     识别语言 recognition language (default auto)
  --layout D   版式 page layout (default auto)
  --jobs N     并行页数，默认为 CPU 核数 pages in parallel (default: cores)
  -o 目录      输出目录 output folder (required)

退出码 Exit codes: 0 全部成功 all pages done; 1 环境错误（缺少语言数据、磁盘）environment;
                   2 有图像无法读取或识别 some image unreadable (others are still written).
)"},
      {"check", R"(用法 Usage: fangzhi [--data 目录] check 稿件... [--kind yearbook|gazetteer] [--rules 规则包|目录]
                   [--config office.toml|office.yaml] [--period 2024] [--place 地名]
                   [--format text|json|html|docx] [-o 输出] [--list-rules]

检查志书、年鉴稿件：第一人称、相对时间、数字用法（GB/T 15835）、标点（GB/T 15834）、计量单位（GB 3100）、
规范表述、文风、体例（条目标题、层级、必备类目、大事记）、全书一致、错别字。稿件可以是 .md、.docx、.txt，
或库中的作品编号（配合 --data）。规则是 rules/ 下的数据；详见 docs/checks.md。
Checks 志书 and 年鉴 manuscripts (.md, .docx, .txt, or a work id in the library with --data)
against the rule packs under rules/. See docs/checks.md.

选项 Options:
  --kind K          yearbook（年鉴）或 gazetteer（志书）；默认按稿件的类别 kind of book (default: the work's)
  --rules P         规则包文件或目录，默认内置的 rules/ a rule pack or folder (default: built in)
  --config F        办公室配置（.toml 或 .yaml）：停用规则、改级别与阈值、加词表 office settings
  --period P        年鉴断限，如 2024 或 1986-2005；优先于稿件元数据和配置。未给出时，书名“××年鉴（2025）”
                    取 2024 the period covered (over the manuscript's metadata and the config;
                    default: a title "…年鉴（2025）" gives 2024)
  --place P         本书所记地方，如 示例县（全书数字一致检查用）the book's place (示例县)
  --format F        text（默认，每处一行 文件:行:列 规则 说明）、json、html、docx（批注写回文档，需 -o）
  -o, --output F    输出文件，默认标准输出 output file (default: standard output)
  --edition E       库中作品的版本 edition of a work in the library
  --list-rules      列出全部规则 list the rules
退出码 Exit codes: 0 没有达到 fail_on 级别（默认 warning）的问题 no finding at or above fail_on;
                   1 有 findings; 2 输入有误（不写出任何文件）bad input, nothing written.
编译好的规则库缓存在 $FANGZHI_CACHE_DIR（默认 ~/.cache/fangzhi），再次运行省去约 0.7 秒。
Compiled rules are cached in $FANGZHI_CACHE_DIR (default ~/.cache/fangzhi).
)"},
      {"review", R"(用法 Usage: fangzhi [--data 目录] review outline 稿件 [--framework yearbook|gazetteer|框架.yaml] [--json]
                   fangzhi [--data 目录] review recheck 旧稿 新稿 [--json] [--diff]
                   fangzhi [--data 目录] review sample 稿件 --seed 种子 [--chars 100000] [--json]
                   fangzhi review error-rate MARKS.json [--json | --format text|json|html|pdf] [-o 输出]

审查（省级审查制度）：篇目审查、复核、质量抽查与差错率。稿件可以是 .md、.docx、.txt、.json，或库中的作品
（配合 --data，写作 作品编号 或 作品编号@版本），或审查系统中保存的稿件版本（写作 ms:稿件编号@v版本号，
如 review recheck ms:3@v1 ms:3@v2；只写 ms:3 为最新版本）。详见 docs/review.md。
Review of manuscripts: outline review against a framework, re-check of a new version, a reproducible
spot-check sample, and the error rate per 《图书质量管理规定》. Inputs: files, library works
(WORK[@EDITION]) or stored manuscript versions (ms:<id>@v<n>). See docs/review.md.

  outline     按框架（frameworks/ 下的数据）审查篇目：缺少必备部分、顺序不合、层级过深、层级不合、
              条目无标题、标题重复（同级、全书）、类目层级混排；结果与 check 的格式相同（--json）
              outline review: missing/out-of-order parts, depth, levels, untitled entries, duplicate titles, mixing
  recheck     旧稿的问题按文字（而非偏移）对到新稿：已改正 fixed、仍存在 still_present、已移动 moved、
              新出现 new；--diff 另列逐节点的改动 carry findings of OLD to NEW by text anchors
  sample      按种子可重现地抽取整段文字，共约 N 个汉字（默认 100000，不足则全书），按类目分层
              reproducible stratified sample of whole paragraphs (same seed, same sample)
  error-rate  按权重表（frameworks/error-weights-v1.yaml）计算差错率（万分比）与判定；html/pdf 为质量报告
              weighted errors ÷ characters, per 10000, with the verdict; html/pdf give the quality report

选项 Options:
  --framework F     yearbook（年鉴）、gazetteer（志书）或框架文件；默认按稿件类别 framework (default: by kind)
  --kind K          yearbook 或 gazetteer：稿件当作哪类书 kind of book (default: the work's)
  --edition E       库中作品的版本 edition of a work in the library
  --seed S          抽样种子，非负整数（sample 必需）sample seed (required)
  --chars N         抽样汉字数，默认 100000 characters to sample
  --weights F       另用的权重表（.yaml）another weights file
  --format F        error-rate 的输出：text（默认）、json、html、pdf（需 -o；用 Chromium 打印）
  --json            以 JSON 输出 JSON output
  --diff            recheck 时列出逐节点的改动 list changed nodes
  -o, --output F    输出文件，默认标准输出 output file (default: standard output)
退出码 Exit codes: 0 成功（outline 无警告；recheck 全部改正）ok (outline clean; recheck all fixed);
                   1 outline 有问题、recheck 尚有问题，或运行环境出错 findings remain, or environment failure;
                   2 输入有误（文件、框架、权重表、MARKS.json），不写出任何文件 bad input, nothing written.
)"},
      {"submission", R"(用法 Usage: fangzhi [--data 目录] submission validate 提交包.zip [--json]
                   fangzhi [--data 目录] submission ingest 提交包.zip [--submitter 姓名] [--json]
                   fangzhi [--data 目录] submission list [--json]

征集：各地方志机构把数字化成果打成 BagIt 提交包（RFC 8493，.zip）报送。包内有 bagit.txt、bag-info.txt
（报送单位 Source-Organization、行政区划代码 Fangzhi-Region-Code、作品编号、题名、类型、许可、打包日期）、
manifest-sha256.txt 和 data/ 下的载荷（.md、.docx、.txt 文本一个，或 ALTO .xml 连同页面图像）。详见 docs/submission.md。
  validate  一次列出全部问题（缺校验值、校验值不符、清单中的文件缺失、未列入清单的文件、未知文件类型、
            缺必填项、行政区划代码不符合 GB/T 2260、打包日期无效、Payload-Oxum 不符），每条注明文件、行、字段；
            压缩炸弹、../ 与绝对路径、符号链接、超大声明尺寸、非 UTF-8 文件名、重名、加密成员一律拒绝。
  ingest    全部成功或全部不变：校验，在数据目录内的暂存区解包，导入为一部作品，保存原 zip，
            记录来源（报送单位、提交人、时间、zip 与每个载荷文件的 SHA-256、作品编号）。
  list      列出来源记录（最新的在前）。

Offices send what they digitized as a BagIt bag (RFC 8493) in a zip. validate reports every problem at
once, each with its file, line or field; hostile zips are refused. ingest is all or nothing: it imports
the payload as one work, keeps the zip and records provenance (office, submitter, time, checksums).
list shows the provenance records. See docs/submission.md.

选项 Options:
  --submitter 姓名  提交人（记入来源记录）who hands the bag in (recorded)
  --json            机器可读输出 machine-readable output

退出码 Exit codes: 0 有效/已入库 valid / ingested; 1 环境错误 environment failure;
                   2 提交包有问题或用法有误（库和数据目录不变）the bag has problems or bad usage (nothing changed).
)"},
      {"help", "用法 Usage: fangzhi help [命令 COMMAND]\n"},
      {"version", "用法 Usage: fangzhi version\n"},
  };
  auto it = kHelp.find(command);
  return it == kHelp.end() ? "" : it->second;
}

}  // namespace fangzhi::cli
