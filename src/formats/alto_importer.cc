#include "formats/alto_importer.h"

#include <pugixml.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <system_error>

#include "formats/plain_text_importer.h"
#include "formats/text_file.h"
#include "model/citation.h"

namespace fs = std::filesystem;

namespace fangzhi::formats {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// *.alto.xml always counts; another *.xml only when its root is <alto>.
bool IsAltoFileName(const fs::path& p) {
  std::string name = p.filename().string();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return EndsWith(name, ".xml");
}

bool RootIsAlto(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string head(2048, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head.find("<alto") != std::string::npos;
}

std::vector<fs::path> AltoFiles(const fs::path& folder) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    if (!e.is_regular_file(ec) || !IsAltoFileName(e.path())) continue;
    if (EndsWith(e.path().filename().string(), ".alto.xml") || RootIsAlto(e.path())) out.push_back(e.path());
  }
  return out;
}

// Natural order of file names: "p2" before "p10", as page numbers go.
bool NaturalLess(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      size_t i2 = i, j2 = j;
      while (i2 < a.size() && std::isdigit(static_cast<unsigned char>(a[i2]))) ++i2;
      while (j2 < b.size() && std::isdigit(static_cast<unsigned char>(b[j2]))) ++j2;
      std::string na = a.substr(i, i2 - i), nb = b.substr(j, j2 - j);
      na.erase(0, std::min(na.find_first_not_of('0'), na.size()));
      nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size()));
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = i2;
      j = j2;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

size_t LineOfOffset(const std::string& bytes, ptrdiff_t offset) {
  const size_t end = std::min(bytes.size(), static_cast<size_t>(std::max<ptrdiff_t>(0, offset)));
  return 1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(end), '\n'));
}

// Local name of an element: producers write alto:String as often as String.
const char* LocalName(const pugi::xml_node& n) {
  const char* name = n.name();
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

pugi::xml_node Child(const pugi::xml_node& n, const char* local) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && std::strcmp(LocalName(c), local) == 0) return c;
  }
  return {};
}

std::vector<pugi::xml_node> Children(const pugi::xml_node& n, const char* local) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && std::strcmp(LocalName(c), local) == 0) out.push_back(c);
  }
  return out;
}

// TextBlocks in document order, including those nested in ComposedBlocks.
void CollectTextBlocks(const pugi::xml_node& n, std::vector<pugi::xml_node>* out) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (std::strcmp(LocalName(c), "TextBlock") == 0) {
      out->push_back(c);
    } else if (std::strcmp(LocalName(c), "ComposedBlock") == 0) {
      CollectTextBlocks(c, out);
    }
  }
}

// Collects ElementRef targets of the ReadingOrder's first OrderedGroup in
// order (nested groups flattened).
void CollectRefs(const pugi::xml_node& group, std::vector<std::string>* out) {
  for (pugi::xml_node c = group.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const char* name = LocalName(c);
    if (std::strcmp(name, "ElementRef") == 0) {
      out->push_back(c.attribute("REF").as_string());
    } else if (std::strcmp(name, "OrderedGroup") == 0 || std::strcmp(name, "UnorderedGroup") == 0) {
      CollectRefs(c, out);
    }
  }
}

int Px(const pugi::xml_node& n, const char* attr) {
  return static_cast<int>(std::lround(n.attribute(attr).as_double(0)));
}

// A code point count and the confidence digits of one String.
void AppendConf(const std::string& content, double wc, std::string* conf) {
  int digit = static_cast<int>(std::floor(wc * 10.0));
  digit = std::clamp(digit, 0, 9);
  for (unsigned char c : content) {
    if ((c & 0xC0) != 0x80) conf->push_back(static_cast<char>('0' + digit));
  }
}

std::string YamlScalar(const YAML::Node& root, const char* key) {
  const YAML::Node v = root[key];
  if (!v || !v.IsScalar()) return "";
  return v.as<std::string>();
}

Status ReadMetadata(const fs::path& file, model::Work* work) {
  std::string text;
  FZ_RETURN_IF_ERROR(ReadUtf8File(file, &text));
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return Status::InvalidInput(file.string() + "：第 " + std::to_string(e.mark.line + 1) + " 行 YAML 有误：" + e.msg);
  }
  if (!root.IsMap()) return Status::InvalidInput(file.string() + "：应为 YAML 映射（键: 值）");
  static const std::set<std::string> kKnown = {"id", "title", "kind", "region", "place", "dynasty", "year",
                                               "period", "compilers", "source", "licence", "license"};
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    if (!kKnown.count(key)) {
      return Status::InvalidInput(file.string() + "：第 " + std::to_string(kv.first.Mark().line + 1) +
                                  " 行：未知的字段 “" + key + "”（可用 id、title、kind、region、place、dynasty、year、"
                                  "period、compilers、source、licence）");
    }
  }
  if (auto v = YamlScalar(root, "id"); !v.empty()) work->id = v;
  if (auto v = YamlScalar(root, "title"); !v.empty()) work->title = v;
  if (auto v = YamlScalar(root, "kind"); !v.empty()) {
    if (!model::IsKnownKind(v)) {
      return Status::InvalidInput(file.string() + "：kind “" + v + "” 无效（志书、年鉴、地情资料、期刊、其他）");
    }
    work->kind = v;
  }
  work->region_code = YamlScalar(root, "region");
  work->place_name = YamlScalar(root, "place");
  work->dynasty = YamlScalar(root, "dynasty");
  work->year = YamlScalar(root, "year");
  work->period = YamlScalar(root, "period");
  if (auto v = YamlScalar(root, "source"); !v.empty()) work->source = v;
  work->licence = YamlScalar(root, "licence");
  if (work->licence.empty()) work->licence = YamlScalar(root, "license");
  if (const YAML::Node c = root["compilers"]) {
    if (c.IsSequence()) {
      for (const auto& item : c) work->compilers.push_back(item.as<std::string>());
    } else if (c.IsScalar()) {
      work->compilers.push_back(c.as<std::string>());
    }
  }
  return Status::Ok();
}

// Where the page image is: sourceImageInformation/fileName as an absolute
// path, relative to the ALTO's folder, or its bare name in that folder.
Status ResolveImage(const fs::path& alto_file, const std::string& file_name, fs::path* out) {
  std::error_code ec;
  if (file_name.empty()) {
    return Status::InvalidInput(alto_file.string() + "：缺少 Description/sourceImageInformation/fileName，找不到页面图像");
  }
  const fs::path given(file_name);
  const fs::path folder = alto_file.parent_path();
  for (const fs::path& candidate : {given.is_absolute() ? given : folder / given, folder / given.filename()}) {
    if (fs::is_regular_file(candidate, ec)) {
      *out = candidate;
      return Status::Ok();
    }
  }
  return Status::NotFound(alto_file.string() + "：页面图像 “" + file_name + "” 不存在（按 ALTO 所在目录查找）");
}

}  // namespace

bool LooksLikeAltoFolder(const fs::path& folder) {
  std::error_code ec;
  return fs::is_directory(folder, ec) && !AltoFiles(folder).empty();
}

Status ParseAltoFile(const fs::path& alto_file, AltoPage* page) {
  std::string bytes;
  FZ_RETURN_IF_ERROR(ReadUtf8File(alto_file, &bytes));
  pugi::xml_document doc;
  const pugi::xml_parse_result r = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
  const std::string name = alto_file.string();
  if (!r) {
    return Status::InvalidInput(name + "：第 " + std::to_string(LineOfOffset(bytes, r.offset)) + " 行 XML 格式错误：" +
                                r.description());
  }
  const pugi::xml_node alto = doc.document_element();
  if (std::strcmp(LocalName(alto), "alto") != 0) {
    return Status::InvalidInput(name + "：根元素是 <" + alto.name() + ">，不是 ALTO 的 <alto>");
  }
  const pugi::xml_node desc = Child(alto, "Description");
  const std::string unit = Child(desc, "MeasurementUnit").text().as_string("pixel");
  if (unit != "pixel") {
    return Status::Unsupported(name + "：MeasurementUnit 为 “" + unit + "”；目前只支持 pixel（像素坐标）");
  }
  const pugi::xml_node pg = Child(Child(alto, "Layout"), "Page");
  if (!pg) return Status::InvalidInput(name + "：缺少 Layout/Page");
  *page = AltoPage();
  page->alto_name = alto_file.filename().string();
  page->width = Px(pg, "WIDTH");
  page->height = Px(pg, "HEIGHT");
  const std::string file_name = Child(Child(desc, "sourceImageInformation"), "fileName").text().as_string();
  FZ_RETURN_IF_ERROR(ResolveImage(alto_file, file_name, &page->image));
  page->image_name = page->image.filename().string();

  std::vector<pugi::xml_node> blocks;
  for (const char* space : {"TopMargin", "LeftMargin", "RightMargin", "PrintSpace", "BottomMargin"}) {
    for (const pugi::xml_node& s : Children(pg, space)) CollectTextBlocks(s, &blocks);
  }
  // An explicit reading order (ALTO 4.2+) overrides document order: blocks
  // and lines are taken in the order their IDs first appear in it.
  std::vector<std::string> refs;
  if (const pugi::xml_node ro = Child(alto, "ReadingOrder")) CollectRefs(ro, &refs);
  std::map<std::string, size_t> rank;
  for (const std::string& ref : refs) {
    size_t start = 0;
    while (start < ref.size()) {  // REF is IDREFS: space separated
      size_t end = ref.find(' ', start);
      if (end == std::string::npos) end = ref.size();
      if (end > start) rank.emplace(ref.substr(start, end - start), rank.size());
      start = end + 1;
    }
  }
  // A node's rank: its own, else the smallest of its lines'.
  auto rank_of = [&](const pugi::xml_node& n) {
    const auto it = rank.find(n.attribute("ID").as_string());
    if (it != rank.end()) return it->second;
    size_t best = SIZE_MAX;
    for (const pugi::xml_node& l : Children(n, "TextLine")) {
      const auto li = rank.find(l.attribute("ID").as_string());
      if (li != rank.end()) best = std::min(best, li->second);
    }
    return best;
  };
  if (!rank.empty()) {
    std::stable_sort(blocks.begin(), blocks.end(),
                     [&](const pugi::xml_node& a, const pugi::xml_node& b) { return rank_of(a) < rank_of(b); });
  }
  int para = 0;
  std::set<std::string> line_ids;
  for (const pugi::xml_node& tb : blocks) {
    std::vector<pugi::xml_node> lines = Children(tb, "TextLine");
    if (!rank.empty()) {
      std::stable_sort(lines.begin(), lines.end(),
                       [&](const pugi::xml_node& a, const pugi::xml_node& b) { return rank_of(a) < rank_of(b); });
    }
    bool any = false;
    const std::string block_dir = tb.attribute("BASEDIRECTION").as_string();
    for (const pugi::xml_node& tl : lines) {
      model::Block b;
      b.kind = model::BlockKind::kText;
      std::string conf;
      bool prev_string = false;
      for (pugi::xml_node c = tl.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const char* local = LocalName(c);
        if (std::strcmp(local, "String") == 0) {
          const std::string content = c.attribute("CONTENT").as_string();
          b.text += content;
          AppendConf(content, c.attribute("WC").as_double(1.0), &conf);
          prev_string = true;
        } else if (std::strcmp(local, "SP") == 0 && prev_string) {
          b.text += ' ';
          conf += '9';  // a space is no recognition
          prev_string = false;
        } else if (std::strcmp(local, "HYP") == 0) {
          const std::string content = c.attribute("CONTENT").as_string();
          b.text += content;
          AppendConf(content, 1.0, &conf);
        }
      }
      if (b.text.empty()) continue;
      std::string id = tl.attribute("ID").as_string();
      if (id.empty()) id = "L" + std::to_string(line_ids.size() + 1);
      if (!line_ids.insert(id).second) {
        return Status::InvalidInput(name + "：TextLine ID “" + id + "” 重复");
      }
      if (!any) {
        ++para;
        any = true;
      }
      b.para = para;
      b.attrs["line"] = id;
      b.attrs["box"] = std::to_string(Px(tl, "HPOS")) + "," + std::to_string(Px(tl, "VPOS")) + "," +
                       std::to_string(Px(tl, "WIDTH")) + "," + std::to_string(Px(tl, "HEIGHT"));
      b.attrs["conf"] = conf;
      std::string dir = tl.attribute("BASEDIRECTION").as_string();
      if (dir.empty()) dir = block_dir;
      if (dir == "ttb") b.attrs["dir"] = "ttb";
      page->blocks.push_back(std::move(b));
    }
  }
  return Status::Ok();
}

Status ImportAltoFolder(const fs::path& folder, model::Document* doc, std::vector<PageImage>* images) {
  std::vector<fs::path> files = AltoFiles(folder);
  if (files.empty()) return Status::InvalidInput(folder.string() + "：目录中没有 ALTO 文件（*.alto.xml）");
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return NaturalLess(a.filename().string(), b.filename().string());
  });
  model::Document d;
  fs::path abs = fs::absolute(folder).lexically_normal();
  if (abs.filename().empty()) abs = abs.parent_path();
  d.work.id = WorkIdFromFileName(abs.filename().string() + ".x");
  d.work.title = abs.filename().string();
  d.work.source = "ALTO: " + abs.filename().string();
  std::error_code ec;
  const fs::path meta = folder / kAltoMetadataFile;
  if (fs::exists(meta, ec)) {
    FZ_RETURN_IF_ERROR(ReadMetadata(meta, &d.work));
    d.sources.push_back({"", kAltoMetadataFile, static_cast<size_t>(fs::file_size(meta, ec))});
  }
  if (!model::IsValidWorkId(d.work.id)) {
    return Status::InvalidInput(folder.string() + "：作品编号 “" + d.work.id +
                                "” 无效；请在 fangzhi.yaml 中写 id: 字母、数字或汉字组成的编号");
  }
  model::Node node;
  node.key = "1";
  node.level = "部分";
  std::map<std::string, std::string> image_names;  // image file name → ALTO that uses it
  std::vector<PageImage> found;
  int page_no = 0, para_base = 0;
  for (const fs::path& f : files) {
    AltoPage page;
    FZ_RETURN_IF_ERROR(ParseAltoFile(f, &page));
    auto [it, inserted] = image_names.emplace(page.image_name, page.alto_name);
    if (!inserted) {
      return Status::InvalidInput(f.string() + "：页面图像 “" + page.image_name + "” 已被 " + it->second +
                                  " 使用；每页应有自己的图像");
    }
    model::Block pb;
    pb.kind = model::BlockKind::kPage;
    pb.para = para_base + 1;
    pb.attrs["page"] = std::to_string(++page_no);
    pb.attrs["image"] = PageImageRelativePath(d.work.id, page.image_name);
    pb.attrs["width"] = std::to_string(page.width);
    pb.attrs["height"] = std::to_string(page.height);
    pb.attrs["alto"] = page.alto_name;
    node.blocks.push_back(std::move(pb));
    int max_para = 0;
    for (model::Block& b : page.blocks) {
      max_para = std::max(max_para, b.para);
      b.para += para_base;
      node.blocks.push_back(std::move(b));
    }
    para_base += max_para;
    d.sources.push_back({kAltoEditionId, page.alto_name, static_cast<size_t>(fs::file_size(f, ec))});
    d.sources.push_back({kAltoEditionId, page.image_name, static_cast<size_t>(fs::file_size(page.image, ec))});
    found.push_back({page.image, page.image_name});
  }
  model::Edition e;
  e.id = kAltoEditionId;
  e.label = "OCR 识别文本";
  e.base = true;
  e.nodes.push_back(std::move(node));
  d.editions.push_back(std::move(e));
  *doc = std::move(d);
  if (images) *images = std::move(found);
  return Status::Ok();
}

}  // namespace fangzhi::formats
