// Who is asking: the session cookie resolved to a user, the checks every
// protected route makes, and CSRF. Pages and the JSON API protect
// themselves by calling these first thing in their handler:
//
//   CurrentUser u;
//   if (!RequirePage(ctx, req, res, {Role::kReviewer}, &u)) return;   // HTML routes
//   if (!RequireApi(ctx, req, res, {Role::kReviewer}, &u)) return;    // /api routes
//   if (req.method == "POST" && !CheckCsrf(ctx, req, res, u)) return; // every POST
//
// Nobody signed in: pages redirect (303) to /login?next=<path>, the API
// answers JSON 401. Signed in with a role not listed: page 403, JSON 403.
// All of them mark the response private (Cache-Control: private, no-store)
// — an answer that depends on the user must never reach the response cache
// or a shared proxy; handlers of such routes must not call AnswerFromCache.
//
// Cookies: fz_session (the session id) is HttpOnly, SameSite=Strict,
// Path=/, and Secure unless ServerOptions::cookie_secure says otherwise:
// kAuto (the default) leaves Secure off only when both the connection's
// peer address and the Host header are loopback (127.0.0.1, ::1,
// localhost) — plain-http development on one machine — and sets it in every
// other case, e.g. behind a TLS proxy (whose Host is the public name).
// `fangzhi serve --cookie-secure on|off|auto`.
#pragma once

#include <httplib.h>

#include <initializer_list>
#include <string>

#include "accounts/account_store.h"
#include "accounts/role.h"

namespace fangzhi::server {

struct Context;

inline constexpr const char* kSessionCookie = "fz_session";
// Before login there is no session to hold a CSRF token, so the login form
// uses a double-submit cookie: this cookie and the form's csrf field must
// match.
inline constexpr const char* kLoginCsrfCookie = "fz_login_csrf";
inline constexpr const char* kCsrfField = "csrf";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

struct CurrentUser {
  bool signed_in = false;
  accounts::User user;       // valid when signed_in
  std::string csrf_token;    // the session's token, for forms and X-CSRF-Token
  std::string session_id;    // as the cookie gave it (for logout)

  bool Is(accounts::Role r) const { return signed_in && user.role == r; }
};

// Reads the fz_session cookie and resolves it; `*out` stays signed_in=false
// when there is no cookie or the session is unknown, expired, ended, or its
// user disabled. Never fails the request.
void ResolveUser(Context* ctx, const httplib::Request& req, CurrentUser* out);

// For HTML routes: true when a user with one of `roles` is signed in
// (empty `roles`: any signed-in user). Otherwise it has answered (303 to
// /login, or a 403 page) and the handler must return.
bool RequirePage(Context* ctx, const httplib::Request& req, httplib::Response& res,
                 std::initializer_list<accounts::Role> roles, CurrentUser* out);
// The same for /api routes: JSON 401 / 403.
bool RequireApi(Context* ctx, const httplib::Request& req, httplib::Response& res,
                std::initializer_list<accounts::Role> roles, CurrentUser* out);

// For every state-changing request: the form field `csrf` (urlencoded or
// multipart) or the X-CSRF-Token header must equal the session's token
// (constant-time). Otherwise answers 403 (HTML page, or JSON under /api)
// and returns false.
bool CheckCsrf(Context* ctx, const httplib::Request& req, httplib::Response& res, const CurrentUser& u);

// Cache-Control: private, no-store (and Vary: Cookie).
void MarkPrivate(httplib::Response& res);

// The client address for throttling and the audit log: the TCP peer
// (X-Forwarded-For is not trusted; put a proxy's address here if one is
// ever used, deliberately).
std::string ClientAddress(const httplib::Request& req);

// Set-Cookie for the session (and its deletion), with the flags above.
void SetSessionCookie(Context* ctx, const httplib::Request& req, httplib::Response& res,
                      const std::string& session_id);
void ClearSessionCookie(Context* ctx, const httplib::Request& req, httplib::Response& res);
// Whether cookies for this request get the Secure flag.
bool SecureCookies(const Context& ctx, const httplib::Request& req);

// A form or query parameter, also from a multipart body ("" when absent).
std::string FormValue(const httplib::Request& req, const char* name);

// The value of cookie `name` in the request, "" when absent.
std::string CookieValue(const httplib::Request& req, const std::string& name);

// A "next" target after login: only a local path ("/…", not "//…"), else "/dashboard".
std::string SafeNext(const std::string& next);

}  // namespace fangzhi::server
