// The reading view beside the scans: when a node's page blocks name images
// the IIIF service holds, the page shows them in a viewer (OpenSeadragon,
// web/static/scanview.js) next to the text, and the OCR lines are linked to
// their boxes both ways. Works without local images (Kanripo texts, whose
// page anchors point elsewhere) are shown exactly as before.
#pragma once

#include <ctemplate/template.h>

#include <string>

#include "model/node.h"
#include "server/app.h"
#include "server/reading.h"

namespace fangzhi::server {

// Sets ro->scan_pages and, when there is any scan, the SCAN section of the
// reading template (with the viewer's page list as JSON) and its scripts.
// `proofread` is whether the reader may correct lines (then
// ro->proofread_href is set to the form of this node).
void PrepareScanView(Context* ctx, const model::Node& node, const std::string& work_id,
                     const std::string& node_path, const std::string& edition_param, bool proofread,
                     ReadingOptions* ro, ctemplate::TemplateDictionary* d);

// Whether the signed-in reader may correct OCR lines (digitizer or admin);
// marks the response private when anyone is signed in
// (proofread_routes.cc).
bool MayProofread(Context* ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace fangzhi::server
