// Every route `fangzhi serve` registers, with who may use it: the one list
// the table-driven security test (tests/server/security_test.cc) walks, as
// every role and as nobody. The test also reads every srv->Get/Post(…) in
// src/server/*.cc and fails when a registered pattern has no row here —
// ADD A ROW WHEN YOU ADD A ROUTE. The pre-routing handler in server.cc also
// uses it: POST is accepted only on paths that have a POST row.
#pragma once

#include <string>
#include <vector>

namespace fangzhi::server {

// Who may use a route, as bits (one per role, plus nobody signed in).
enum RouteWho : unsigned {
  kWhoNobody = 1u << 0,
  kWhoAdmin = 1u << 1,
  kWhoReviewer = 1u << 2,
  kWhoCompiler = 1u << 3,
  kWhoDigitizer = 1u << 4,
  kWhoReader = 1u << 5,
  kWhoSignedIn = kWhoAdmin | kWhoReviewer | kWhoCompiler | kWhoDigitizer | kWhoReader,
  kWhoEveryone = kWhoNobody | kWhoSignedIn,
};

struct RouteSpec {
  const char* method;   // "GET" or "POST"
  const char* pattern;  // exactly as passed to srv->Get/Post (a regex)
  // A concrete path for the test. Placeholders: {manuscript} (a manuscript
  // of county office 510104 with versions 1 and 2), {version} (1), {work}
  // (a work id of the library).
  const char* example;
  unsigned who;  // RouteWho bits
  // The route concerns one manuscript: a compiler may use it only for its
  // own office's manuscripts (the test also tries a compiler of 510105).
  bool office_scoped = false;
  // Fields the POST needs besides csrf, "k=v&k=v" (test only).
  const char* form = "";
};

const std::vector<RouteSpec>& AllRoutes();

// Whether some POST row's pattern matches `path` in full.
bool AcceptsPost(const std::string& path);

}  // namespace fangzhi::server
