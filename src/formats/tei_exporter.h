// TEI P5 export of one edition: the interchange form scholars' tools read
// (TEI Publisher, CATMA, the Kanripo TEI corpus). A juan is
// <div type="juan">, other levels <div type="section" subtype="LEVEL">;
// paragraphs <p>, print line ends <lb/>, page anchors <pb n="1a" ed="SBCK"/>,
// interlinear notes <note place="interlinear">, footnotes
// <note place="foot">, editors' remarks <note type="editorial">. The text
// content is exactly the stored text. The header carries the work's
// metadata, source and licence.
#pragma once

#include <string>

#include "model/document.h"

namespace fangzhi::formats {

inline constexpr const char* kTeiNamespace = "http://www.tei-c.org/ns/1.0";

// `edition` must be one of doc's editions.
std::string ExportTei(const model::Document& doc, const model::Edition& edition);

}  // namespace fangzhi::formats
