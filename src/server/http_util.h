// Request parameters and responses shared by the pages, the API and the
// exports: one way to read a number, one way to say what went wrong.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"

namespace fangzhi::server {

inline constexpr const char* kHtmlType = "text/html; charset=utf-8";
inline constexpr const char* kJsonType = "application/json; charset=utf-8";
inline constexpr const char* kXmlType = "text/xml; charset=utf-8";

// The HTTP status for a failed Status: bad input 400, unknown 404,
// anything of the environment 500.
int HttpStatusFor(const Status& s);

// The parameter's first value, or "" when absent.
std::string Param(const httplib::Request& req, const char* name);

// An unsigned integer parameter in [0, max]; absent or empty → `fallback`.
Status SizeParam(const httplib::Request& req, const char* name, size_t fallback, size_t max, size_t* out);

// JSON bodies are dumped with invalid UTF-8 replaced (U+FFFD) rather than
// thrown on: a hostile byte in a query must not turn into a 500.
std::string DumpJson(const nlohmann::ordered_json& j, int indent = -1);
std::string DumpJson(const nlohmann::json& j, int indent = -1);

void SendJson(httplib::Response& res, int status, const nlohmann::ordered_json& j);
// {"error": {"status": 404, "message": "…"}}
void SendJsonError(httplib::Response& res, int status, const std::string& message);
inline void SendJsonError(httplib::Response& res, const Status& s) {
  SendJsonError(res, HttpStatusFor(s), s.message());
}

// A file download: Content-Disposition with an ASCII fallback name and the
// UTF-8 name (RFC 6266 / 5987), so 華陽國志.txt survives every browser.
void SetAttachment(httplib::Response& res, const std::string& ascii_name, const std::string& utf8_name);

}  // namespace fangzhi::server

namespace fangzhi::server {

// "http://HOST" from the request's Host header when it is a plain host[:port]
// (anything else would be a hostile header: then the bound address), for
// canonical URLs, OAI-PMH baseURL and permalinks in citations.
std::string BaseUrl(const httplib::Request& req, const std::string& fallback_host, int fallback_port);

// "1,504,520".
std::string GroupDigits(uint64_t n);

}  // namespace fangzhi::server
