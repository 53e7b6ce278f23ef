#include "formats/kanripo_importer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <system_error>

#include "formats/kanripo_catalog.h"
#include "formats/text_file.h"
#include "model/citation.h"
#include "model/region.h"
#include "text/utf8.h"

namespace fs = std::filesystem;

namespace fangzhi::formats {
namespace {

constexpr const char* kLicence = "CC BY-SA 4.0";

bool IsKanripoId(const std::string& s) {
  static const std::regex re("KR[0-9][a-z][0-9]{4}[a-z]?");
  return std::regex_match(s, re);
}

// "KR2i0003_001.txt" → "001" when the prefix is the id.
std::string JuanKey(const std::string& id, const std::string& file_name) {
  if (file_name.size() < id.size() + 6 || file_name.compare(0, id.size(), id) != 0 ||
      file_name[id.size()] != '_' || !file_name.ends_with(".txt")) {
    return "";
  }
  std::string key = file_name.substr(id.size() + 1, file_name.size() - id.size() - 5);
  if (key.empty() || !std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return "";
  }
  return key;
}

// The id a folder's juan files are named by (KR2i0003_001.txt → KR2i0003).
std::string IdFromFiles(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    const size_t u = n.find('_');
    if (u != std::string::npos && IsKanripoId(n.substr(0, u)) && !JuanKey(n.substr(0, u), n).empty()) {
      return n.substr(0, u);
    }
  }
  return "";
}

bool HasJuanFiles(const fs::path& dir) { return !IdFromFiles(dir).empty(); }

struct Readme {
  std::string title;
  std::map<std::string, std::string> edition_labels;  // SBCK → 【四部叢刊】
  std::map<std::string, std::string> toc;             // KR2i0003_001.txt → 華陽國志 1
};

std::string Trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

Status ReadReadme(const fs::path& file, Readme* r) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return Status::Ok();  // optional
  std::string text;
  FZ_RETURN_IF_ERROR(ReadUtf8File(file, &text));
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string line = Trim(std::string_view(text).substr(pos, nl - pos));
    pos = nl + 1;
    if (line.starts_with("#+TITLE:")) {
      std::string t = Trim(line.substr(8));
      const size_t slash = t.find(" / ");  // "華陽國志 / SBCK": the branch it was made on
      r->title = Trim(t.substr(0, slash));
    } else if (line.starts_with("|")) {  // | SBCK|【四部叢刊】 |
      const size_t bar = line.find('|', 1);
      const size_t end = bar == std::string::npos ? bar : line.find('|', bar + 1);
      if (end != std::string::npos) {
        r->edition_labels[Trim(line.substr(1, bar - 1))] = Trim(line.substr(bar + 1, end - bar - 1));
      }
    } else if (line.starts_with("- [[file:")) {  // - [[file:X.txt::001-1a][label]]
      const size_t f = 9;
      const size_t close = line.find(']', f);
      const size_t lab = line.find("][", f);
      if (close == std::string::npos || lab == std::string::npos) continue;
      std::string target = line.substr(f, lab - f);
      target = target.substr(0, target.find("::"));
      const size_t lab_end = line.find("]]", lab + 2);
      if (lab_end == std::string::npos) continue;
      r->toc.emplace(target, line.substr(lab + 2, lab_end - lab - 2));  // first entry wins
    }
  }
  return Status::Ok();
}

Status ReadImageIndex(const fs::path& dir, KanripoImageIndex* index) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::Ok();
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::string text;
    FZ_RETURN_IF_ERROR(ReadUtf8File(f, &text));
    size_t pos = 0, line_no = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(pos, nl - pos);
      pos = nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      const size_t t1 = line.find('\t');
      const size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
      if (t2 == std::string::npos) {
        return Status::InvalidInput(f.string() + "：第 " + std::to_string(line_no) +
                                    " 行不是“页码<TAB>版本 页<TAB>图像文件”三栏格式");
      }
      index->by_page[line.substr(t1 + 1, t2 - t1 - 1)] = line.substr(t2 + 1);
    }
  }
  return Status::Ok();
}

// Splits a line at runs of spaces (U+3000 or ASCII) into its words.
std::vector<std::string> SpacedWords(std::string_view line) {
  std::vector<std::string> words;
  std::string cur;
  for (size_t i = 0; i < line.size();) {
    if (line[i] == ' ') {
      ++i;
    } else if (line.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 3;
    } else {
      size_t j = i;
      text::NextCodePoint(line, j);
      cur.append(line.substr(i, j - i));
      i = j;
      if (i < line.size() && line[i] != ' ' && line.compare(i, 3, "\xE3\x80\x80") != 0) continue;
    }
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

// The printed byline, a short line like "宋　郭允蹈　撰" (often after the
// juan title on the same line), gives the dynasty and author when the
// catalogue does not.
void GuessAuthorship(const model::Edition& e, model::Work* w) {
  static const std::set<std::string> kDynasties = {
      "周", "秦", "漢", "後漢", "三國", "魏", "蜀漢", "吳", "晉", "東晉", "宋", "齊", "梁", "陳", "北魏",
      "隋", "唐", "五代", "後蜀", "前蜀", "南唐", "遼", "金", "元", "明", "清", "國朝"};
  static const std::set<std::string> kVerbs = {"撰", "著", "編", "輯", "纂", "述", "編輯", "纂修", "修", "注"};
  int nodes_seen = 0;
  for (const model::Node& n : e.nodes) {
    if (++nodes_seen > 3) break;
    for (const model::Block& b : n.blocks) {
      if (b.kind != model::BlockKind::kText) continue;
      size_t pos = 0;
      while (pos < b.text.size()) {
        size_t nl = b.text.find('\n', pos);
        if (nl == std::string::npos) nl = b.text.size();
        const std::vector<std::string> words = SpacedWords(std::string_view(b.text).substr(pos, nl - pos));
        pos = nl + 1;
        // "宋　郭允蹈　撰", or after the juan title: "蜀檮杌卷上　　宋　張唐英　撰".
        if (words.size() < 3 || words.size() > 5 || !kVerbs.count(words.back())) continue;
        const size_t dynasty = kDynasties.count(words[0]) ? 0 : kDynasties.count(words[1]) ? 1 : words.size();
        if (dynasty == words.size() || words.size() - dynasty < 3 || words.size() - dynasty > 4) continue;
        std::string author;
        for (size_t i = dynasty + 1; i + 1 < words.size(); ++i) author += words[i];
        if (text::CountCodePoints(author) > 6) continue;
        w->dynasty = words[dynasty];
        w->compilers = {author};
        return;
      }
    }
  }
}

Status ImportEdition(const std::string& id, const std::string& edition_id, const fs::path& dir,
                     const fs::path& root, const KanripoImageIndex& images, model::Document* doc) {
  Readme readme;
  FZ_RETURN_IF_ERROR(ReadReadme(dir / "Readme.org", &readme));
  std::vector<fs::path> juan_files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    if (n.starts_with(".") || n == "Readme.org") continue;
    if (!e.is_regular_file() || JuanKey(id, n).empty()) {
      return Status::InvalidInput(e.path().string() + "：不是本书（" + id +
                                  "）的卷文件，卷文件应命名为 " + id + "_NNN.txt");
    }
    juan_files.push_back(e.path());
  }
  if (ec) return Status::IoError(dir.string() + "：无法读取目录：" + ec.message());
  std::sort(juan_files.begin(), juan_files.end());
  if (juan_files.empty()) {
    return Status::InvalidInput(dir.string() + "：没有卷文件（" + id + "_NNN.txt）");
  }
  model::Edition ed;
  ed.id = edition_id;
  ed.base = edition_id == "master";
  for (const fs::path& f : juan_files) {
    std::string content;
    FZ_RETURN_IF_ERROR(ReadUtf8File(f, &content));
    const std::string file_name = f.filename().string();
    model::Node node;
    node.key = JuanKey(id, file_name);
    node.level = "卷";
    auto toc = readme.toc.find(file_name);
    if (toc != readme.toc.end()) node.label = toc->second;
    FZ_RETURN_IF_ERROR(ParseKanripoJuan(f.string(), content, edition_id, &images, &node));
    // A file's own header may name a different text: refuse to mix works.
    const size_t idp = content.find("#+PROPERTY: ID ");
    if (idp != std::string::npos) {
      const size_t start = idp + 15;
      const std::string file_id = Trim(content.substr(start, content.find('\n', start) - start));
      // Some Kanripo headers spell the id in other case (KR4H0168): same text.
      auto lower = [](std::string v) {
        for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return v;
      };
      if (!file_id.empty() && lower(file_id) != lower(id)) {
        return Status::InvalidInput(f.string() + "：文件头标明的编号是 " + file_id + "，与本书 " +
                                    id + " 不符");
      }
    }
    if (doc->work.title.empty()) {
      const size_t tp = content.find("#+TITLE:");
      if (tp != std::string::npos) {
        const size_t start = tp + 8;
        std::string t = Trim(content.substr(start, content.find('\n', start) - start));
        doc->work.title = Trim(t.substr(0, t.find(" / ")));
      }
    }
    doc->sources.push_back({edition_id, fs::relative(f, root, ec).string(), content.size()});
    ed.nodes.push_back(std::move(node));
  }
  if (!readme.title.empty() && doc->work.title.empty()) doc->work.title = readme.title;
  for (const auto& [eid, label] : readme.edition_labels) {
    doc->work.extra["edition_label:" + eid] = label;
  }
  doc->editions.push_back(std::move(ed));
  return Status::Ok();
}

}  // namespace

bool LooksLikeKanripoFolder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  return HasJuanFiles(dir / "master") || HasJuanFiles(dir);
}

Status ImportKanripoFolder(const fs::path& dir, model::Document* out) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir.string() + "：目录不存在");
  const bool layered = HasJuanFiles(dir / "master");
  const fs::path base_dir = layered ? dir / "master" : dir;
  const std::string id = IdFromFiles(base_dir);
  if (id.empty()) {
    return Status::InvalidInput(dir.string() +
                                "：不是 Kanripo 文本目录（应有 master/ 子目录，内含 KR编号_NNN.txt 卷文件）");
  }
  std::string folder = dir.filename().string();
  if (folder.empty()) folder = dir.parent_path().filename().string();
  if (IsKanripoId(folder) && folder != id) {
    return Status::InvalidInput(dir.string() + "：目录名 " + folder + " 与卷文件的编号 " + id + " 不符");
  }

  model::Document doc;
  doc.work.id = id;
  KanripoImageIndex images;
  FZ_RETURN_IF_ERROR(ReadImageIndex(dir / "imglist", &images));
  FZ_RETURN_IF_ERROR(ImportEdition(id, "master", base_dir, dir, images, &doc));
  if (layered) {
    std::vector<fs::path> witnesses;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string n = e.path().filename().string();
      if (!e.is_directory() || n == "master" || n == "imglist" || n.starts_with(".")) continue;
      witnesses.push_back(e.path());
    }
    std::sort(witnesses.begin(), witnesses.end());
    for (const fs::path& w : witnesses) {
      FZ_RETURN_IF_ERROR(ImportEdition(id, w.filename().string(), w, dir, images, &doc));
    }
  }
  for (model::Edition& e : doc.editions) {
    auto it = doc.work.extra.find("edition_label:" + e.id);
    if (it != doc.work.extra.end()) e.label = it->second;
    if (e.id == "master") e.label = "Kanripo 校定本（master）";
  }
  std::erase_if(doc.work.extra, [](const auto& kv) { return kv.first.starts_with("edition_label:"); });

  model::Work& w = doc.work;
  if (w.title.empty()) w.title = id;
  w.source = "Kanripo 漢籍リポジトリ " + id;
  w.licence = kLicence;
  if (const KanripoCatalogEntry* c = FindKanripoCatalogEntry(id)) {
    w.kind = c->kind;
    w.region_code = c->region_code;
    w.place_name = c->place_name;
    w.dynasty = c->dynasty;
    w.compilers = {c->author};
  } else {
    // Kanripo's 史部地理類 (KR2k) is gazetteers and geographies.
    w.kind = id.compare(0, 4, "KR2k") == 0 ? model::kKindGazetteer : model::kKindLocalRecord;
    w.region_code = model::ProvinceCodeInTitle(w.title);
    GuessAuthorship(*doc.BaseEdition(), &w);
  }
  *out = std::move(doc);
  return Status::Ok();
}

}  // namespace fangzhi::formats
