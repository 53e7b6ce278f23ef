#include "iiif/manifest.h"

#include <algorithm>
#include <cctype>

#include "iiif/image_service.h"

namespace fangzhi::iiif {
namespace {

using nlohmann::ordered_json;

ordered_json Lang(const std::string& s) { return {{"zh", {s}}}; }

ordered_json MetadataEntry(const std::string& label, const std::string& value) {
  return {{"label", Lang(label)}, {"value", Lang(value)}};
}

std::string Xywh(const Box& b) {
  return std::to_string(b.x) + "," + std::to_string(b.y) + "," + std::to_string(b.w) + "," + std::to_string(b.h);
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string ManifestUrl(const std::string& base_url, const std::string& work_id, const std::string& edition) {
  return base_url + "/iiif/3/manifest/" + EncodeIdentifier(work_id) + "/" + EncodeIdentifier(edition);
}

std::string ImageServiceUrl(const std::string& base_url, const std::string& identifier) {
  return base_url + "/iiif/3/" + EncodeIdentifier(identifier);
}

std::string RightsUri(const std::string& licence) {
  std::string l = Upper(licence);
  std::replace(l.begin(), l.end(), '-', ' ');
  if (l.find("CC0") != std::string::npos) return "http://creativecommons.org/publicdomain/zero/1.0/";
  const bool v4 = l.find("4.0") != std::string::npos;
  if (!v4) return "";
  if (l.find("CC BY SA") != std::string::npos) return "http://creativecommons.org/licenses/by-sa/4.0/";
  if (l.find("CC BY NC SA") != std::string::npos) return "http://creativecommons.org/licenses/by-nc-sa/4.0/";
  if (l.find("CC BY NC") != std::string::npos) return "http://creativecommons.org/licenses/by-nc/4.0/";
  if (l.find("CC BY") != std::string::npos) return "http://creativecommons.org/licenses/by/4.0/";
  return "";
}

ordered_json BuildManifest(const ManifestInput& in) {
  const model::Work& w = in.work;
  const std::string id = ManifestUrl(in.base_url, w.id, in.edition_id);
  ordered_json m;
  m["@context"] = kPresentationContext;
  m["id"] = id;
  m["type"] = "Manifest";
  const std::string label = in.edition_label.empty() ? in.edition_id : in.edition_label;
  m["label"] = Lang(w.title + (label.empty() ? "" : " " + label));
  ordered_json meta = ordered_json::array();
  if (!w.compilers.empty()) {
    std::string c;
    for (const std::string& s : w.compilers) c += (c.empty() ? "" : "、") + s;
    meta.push_back(MetadataEntry("编纂者", c));
  }
  if (!w.dynasty.empty()) meta.push_back(MetadataEntry("朝代", w.dynasty));
  if (!w.place_name.empty()) meta.push_back(MetadataEntry("地区", w.place_name));
  if (!w.year.empty()) meta.push_back(MetadataEntry("年代", w.year));
  meta.push_back(MetadataEntry("版本", label));
  m["metadata"] = meta;
  if (!w.source.empty() || !w.licence.empty()) {
    m["requiredStatement"] = {{"label", Lang("来源与许可")},
                              {"value", Lang(w.source + (w.licence.empty() ? "" : "；许可：" + w.licence))}};
  }
  const std::string rights = RightsUri(w.licence);
  if (!rights.empty()) m["rights"] = rights;
  m["homepage"] = ordered_json::array({{{"id", in.base_url + "/works/" + EncodeIdentifier(w.id)},
                                        {"type", "Text"},
                                        {"label", Lang(w.title)},
                                        {"format", "text/html"}}});
  if (IsVertical(in.pages)) {
    // Chinese string-bound books: columns top to bottom, right to left, and
    // leaves turned leftwards; shown as facing pages.
    m["viewingDirection"] = "right-to-left";
    m["behavior"] = {"paged"};
  } else {
    m["viewingDirection"] = "left-to-right";
  }
  ordered_json canvases = ordered_json::array();
  for (size_t i = 0; i < in.pages.size(); ++i) {
    const PageImage& p = in.pages[i];
    const std::string cid = id + "/canvas/" + std::to_string(i + 1);
    const std::string service = ImageServiceUrl(in.base_url, p.identifier);
    ordered_json c;
    c["id"] = cid;
    c["type"] = "Canvas";
    c["label"] = Lang("第 " + (p.label.empty() ? std::to_string(i + 1) : p.label) + " 页");
    c["height"] = p.height;
    c["width"] = p.width;
    ordered_json body = {{"id", service + "/full/max/0/default.jpg"},
                         {"type", "Image"},
                         {"format", "image/jpeg"},
                         {"height", p.height},
                         {"width", p.width},
                         {"service", ordered_json::array({{{"id", service},
                                                           {"type", "ImageService3"},
                                                           {"profile", "level1"}}})}};
    c["items"] = ordered_json::array({{{"id", cid + "/page"},
                                       {"type", "AnnotationPage"},
                                       {"items", ordered_json::array({{{"id", cid + "/page/image"},
                                                                       {"type", "Annotation"},
                                                                       {"motivation", "painting"},
                                                                       {"body", body},
                                                                       {"target", cid}}})}}});
    if (!p.lines.empty()) {
      ordered_json lines = ordered_json::array();
      for (const PageLine& l : p.lines) {
        lines.push_back({{"id", cid + "/line/" + EncodeIdentifier(l.node_path) + "-" + std::to_string(l.seq)},
                         {"type", "Annotation"},
                         {"motivation", "supplementing"},
                         {"body", {{"type", "TextualBody"}, {"value", l.text}, {"format", "text/plain"},
                                   {"language", "zh"}}},
                         {"target", cid + "#xywh=" + Xywh(l.box)}});
      }
      c["annotations"] = ordered_json::array({{{"id", cid + "/lines"},
                                               {"type", "AnnotationPage"},
                                               {"label", Lang("识别文字（按行）")},
                                               {"items", lines}}});
    }
    canvases.push_back(std::move(c));
  }
  m["items"] = std::move(canvases);
  return m;
}

}  // namespace fangzhi::iiif
