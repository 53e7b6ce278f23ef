#include "server/auth.h"

#include "accounts/account_store.h"
#include "server/app.h"
#include "server/escape.h"
#include "server/http_util.h"

namespace fangzhi::server {

namespace {

using accounts::Role;

bool IsLoopbackHostHeader(const std::string& host_header) {
  std::string host = host_header;
  if (host.starts_with("[")) {
    host = host.substr(1, host.find(']') == std::string::npos ? std::string::npos : host.find(']') - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

bool IsLoopbackAddress(const std::string& a) {
  return a == "::1" || a.starts_with("127.") || a.starts_with("::ffff:127.");
}

bool AllowedRole(const CurrentUser& u, std::initializer_list<Role> roles) {
  if (roles.size() == 0) return true;
  for (Role r : roles) {
    if (u.user.role == r) return true;
  }
  return false;
}

std::string CookieFlags(Context* ctx, const httplib::Request& req) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (SecureCookies(*ctx, req) ? "; Secure" : "");
}

}  // namespace

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  // Several Cookie headers are possible; the first match wins.
  const size_t count = req.get_header_value_count("Cookie");
  for (size_t i = 0; i < count; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    size_t pos = 0;
    while (pos < header.size()) {
      size_t end = header.find(';', pos);
      if (end == std::string::npos) end = header.size();
      std::string pair = header.substr(pos, end - pos);
      pos = end + 1;
      const size_t b = pair.find_first_not_of(' ');
      if (b == std::string::npos) continue;
      pair = pair.substr(b);
      const size_t eq = pair.find('=');
      if (eq == std::string::npos) continue;
      if (pair.compare(0, eq, name) == 0 && eq == name.size()) return pair.substr(eq + 1);
    }
  }
  return "";
}

std::string FormValue(const httplib::Request& req, const char* name) {
  if (req.has_param(name)) return req.get_param_value(name);
  if (req.has_file(name)) return req.get_file_value(name).content;
  return "";
}

std::string ClientAddress(const httplib::Request& req) { return req.remote_addr; }

bool SecureCookies(const Context& ctx, const httplib::Request& req) {
  switch (ctx.options.cookie_secure) {
    case ServerOptions::CookieSecure::kOn: return true;
    case ServerOptions::CookieSecure::kOff: return false;
    case ServerOptions::CookieSecure::kAuto: break;
  }
  return !(IsLoopbackAddress(req.remote_addr) && IsLoopbackHostHeader(req.get_header_value("Host")));
}

void SetSessionCookie(Context* ctx, const httplib::Request& req, httplib::Response& res,
                      const std::string& session_id) {
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + session_id + CookieFlags(ctx, req) +
                                   "; Max-Age=" + std::to_string(accounts::kSessionLifetime));
}

void ClearSessionCookie(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + CookieFlags(ctx, req) + "; Max-Age=0");
}

void MarkPrivate(httplib::Response& res) {
  // Called more than once per answer: one header each, not a pile.
  res.headers.erase("Cache-Control");
  res.headers.erase("Vary");
  res.set_header("Cache-Control", "private, no-store");
  res.set_header("Vary", "Cookie");
}

void ResolveUser(Context* ctx, const httplib::Request& req, CurrentUser* out) {
  *out = CurrentUser();
  if (ctx->accounts == nullptr) return;
  const std::string id = CookieValue(req, kSessionCookie);
  if (id.empty()) return;
  accounts::Session s;
  if (!ctx->accounts->ResolveSession(id, &s).ok()) return;
  out->signed_in = true;
  out->user = std::move(s.user);
  out->csrf_token = std::move(s.csrf_token);
  out->session_id = id;
}

std::string SafeNext(const std::string& next) {
  if (next.size() < 1 || next.size() > 2000 || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) {
    return "/dashboard";
  }
  for (unsigned char c : next) {
    if (c < 0x20 || c == 0x7f) return "/dashboard";
  }
  return next;
}

bool RequirePage(Context* ctx, const httplib::Request& req, httplib::Response& res,
                 std::initializer_list<Role> roles, CurrentUser* out) {
  MarkPrivate(res);
  ResolveUser(ctx, req, out);
  if (!out->signed_in) {
    const std::string back = req.method == "GET" ? req.target : std::string("/dashboard");
    res.status = 303;
    res.set_header("Location", "/login?next=" + UrlEncode(back));
    res.set_content("请先登录：/login", "text/plain; charset=utf-8");
    return false;
  }
  if (!AllowedRole(*out, roles)) {
    SendErrorPage(ctx, req, res, 403, "您的角色（" + std::string(accounts::RoleLabel(out->user.role)) + "）无权使用此页面");
    return false;
  }
  return true;
}

bool RequireApi(Context* ctx, const httplib::Request& req, httplib::Response& res,
                std::initializer_list<Role> roles, CurrentUser* out) {
  MarkPrivate(res);
  ResolveUser(ctx, req, out);
  if (!out->signed_in) {
    SendJsonError(res, 401, "请先登录 (sign in first)");
    return false;
  }
  if (!AllowedRole(*out, roles)) {
    SendJsonError(res, 403, "您的角色（" + std::string(accounts::RoleLabel(out->user.role)) + "）无权访问 (forbidden)");
    return false;
  }
  return true;
}

bool CheckCsrf(Context* ctx, const httplib::Request& req, httplib::Response& res, const CurrentUser& u) {
  std::string given = req.get_header_value(kCsrfHeader);
  if (given.empty()) given = FormValue(req, kCsrfField);
  if (u.signed_in && accounts::TokensEqual(given, u.csrf_token)) return true;
  MarkPrivate(res);
  const std::string message = "表单已失效或来源不明（缺少有效的 CSRF 令牌），请刷新页面后重试 (CSRF token missing or wrong)";
  if (req.path.starts_with("/api/")) {
    SendJsonError(res, 403, message);
  } else {
    SendErrorPage(ctx, req, res, 403, message);
  }
  return false;
}

}  // namespace fangzhi::server
