#include "server/http_util.h"

#include <charconv>

#include "server/escape.h"

namespace fangzhi::server {

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kOk: return 200;
    case Status::Code::kInvalidInput:
    case Status::Code::kUnsupported: return 400;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kAlreadyExists: return 409;
    default: return 500;
  }
}

std::string Param(const httplib::Request& req, const char* name) {
  auto it = req.params.find(name);
  return it == req.params.end() ? std::string() : it->second;
}

Status SizeParam(const httplib::Request& req, const char* name, size_t fallback, size_t max, size_t* out) {
  const std::string v = Param(req, name);
  if (v.empty()) {
    *out = fallback;
    return Status::Ok();
  }
  size_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n > max) {
    return Status::InvalidInput("参数 " + std::string(name) + " 应为 0 到 " + std::to_string(max) +
                                " 之间的整数，而不是 “" + v.substr(0, 40) + (v.size() > 40 ? "…" : "") + "”");
  }
  *out = n;
  return Status::Ok();
}

std::string DumpJson(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string DumpJson(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

void SendJson(httplib::Response& res, int status, const nlohmann::ordered_json& j) {
  res.status = status;
  res.set_content(DumpJson(j), kJsonType);
}

void SendJsonError(httplib::Response& res, int status, const std::string& message) {
  nlohmann::ordered_json j;
  j["error"]["status"] = status;
  j["error"]["message"] = message;
  SendJson(res, status, j);
}

void SetAttachment(httplib::Response& res, const std::string& ascii_name, const std::string& utf8_name) {
  res.set_header("Content-Disposition",
                 "attachment; filename=\"" + ascii_name + "\"; filename*=UTF-8''" + UrlEncode(utf8_name));
}

}  // namespace fangzhi::server

namespace fangzhi::server {

std::string BaseUrl(const httplib::Request& req, const std::string& fallback_host, int fallback_port) {
  const std::string host = req.get_header_value("Host");
  bool ok = !host.empty() && host.size() <= 255;
  for (char c : host) {
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                         c == '-' || c == ':' || c == '[' || c == ']';
    if (!allowed) ok = false;
  }
  if (ok) return "http://" + host;
  return "http://" + fallback_host + ":" + std::to_string(fallback_port);
}

std::string GroupDigits(uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace fangzhi::server
