#include "server/routes.h"

#include <regex>

namespace fangzhi::server {

const std::vector<RouteSpec>& AllRoutes() {
  // Who may use what. Public library pages are for everyone; review work
  // for the roles that do it; a compiler only for its own office.
  constexpr unsigned kStaff = kWhoAdmin | kWhoReviewer | kWhoCompiler;
  static const std::vector<RouteSpec> kRoutes = {
      // pages.cc
      {"GET", "/", "/", kWhoEveryone},
      {"GET", "/works", "/works", kWhoEveryone},
      {"GET", R"(/works/([^/]+))", "/works/{work}", kWhoEveryone},
      {"GET", R"(/works/([^/]+)/(.+))", "/works/{work}/1", kWhoEveryone},
      {"GET", R"(/compare/([^/]+)/(.+))", "/compare/{work}/1", kWhoEveryone},
      {"GET", "/search", "/search?q=%E5%B7%B4", kWhoEveryone},
      // export.cc
      {"GET", "/search.csv", "/search.csv?q=%E5%B7%B4", kWhoEveryone},
      {"GET", "/search.xlsx", "/search.xlsx?q=%E5%B7%B4", kWhoEveryone},
      {"GET", R"(/api/v1/works/([^/]+)/export)", "/api/v1/works/{work}/export?format=txt", kWhoEveryone},
      // api.cc
      {"GET", "/api/v1", "/api/v1", kWhoEveryone},
      {"GET", "/api/v1/", "/api/v1/", kWhoEveryone},
      {"GET", "/api/v1/works", "/api/v1/works", kWhoEveryone},
      {"GET", R"(/api/v1/works/([^/]+))", "/api/v1/works/{work}", kWhoEveryone},
      {"GET", R"(/api/v1/works/([^/]+)/nodes)", "/api/v1/works/{work}/nodes", kWhoEveryone},
      {"GET", R"(/api/v1/works/([^/]+)/nodes/(.+))", "/api/v1/works/{work}/nodes/1", kWhoEveryone},
      {"GET", "/api/v1/search", "/api/v1/search?q=%E5%B7%B4", kWhoEveryone},
      {"GET", R"(/api/.*)", "/api/v1/nothing-here", kWhoEveryone},
      // oai.cc
      {"GET", "/oai", "/oai?verb=Identify", kWhoEveryone},
      {"POST", "/oai", "/oai", kWhoEveryone, false, "verb=Identify"},
      // account_pages.cc
      {"GET", "/login", "/login", kWhoEveryone},
      {"POST", "/login", "/login", kWhoEveryone, false, "name=nobody-at-all&password=wrong-password"},
      {"POST", "/logout", "/logout", kWhoSignedIn},
      {"GET", "/dashboard", "/dashboard", kWhoSignedIn},
      {"GET", "/audit", "/audit", kWhoAdmin},
      {"GET", "/manuscripts/new", "/manuscripts/new", kWhoCompiler},
      {"POST", "/manuscripts", "/manuscripts", kWhoCompiler, false, "title=&year=2025&kind=%E5%B9%B4%E9%89%B4"},
      {"GET", R"(/manuscripts/(\d+))", "/manuscripts/{manuscript}", kStaff, true},
      {"GET", R"(/manuscripts/(\d+)/versions/(\d+)/file)", "/manuscripts/{manuscript}/versions/{version}/file", kStaff,
       true},
      {"POST", R"(/manuscripts/(\d+)/versions)", "/manuscripts/{manuscript}/versions", kWhoCompiler, true},
      {"POST", R"(/manuscripts/(\d+)/status)", "/manuscripts/{manuscript}/status", kWhoReviewer, true,
       "from=approved&to=returned"},
      // review_pages.cc (the example's forms are refused after the role and
      // CSRF checks, so the test changes nothing)
      {"GET", R"(/manuscripts/(\d+)/versions/(\d+)/outline)", "/manuscripts/{manuscript}/versions/{version}/outline",
       kStaff, true},
      {"POST", R"(/manuscripts/(\d+)/versions/(\d+)/comments)",
       "/manuscripts/{manuscript}/versions/{version}/comments", kWhoReviewer, true, "node=&body="},
      {"POST", R"(/manuscripts/(\d+)/versions/(\d+)/decision)",
       "/manuscripts/{manuscript}/versions/{version}/decision", kWhoReviewer, true, "back=nowhere"},
      {"GET", R"(/manuscripts/(\d+)/versions/(\d+)/recheck)", "/manuscripts/{manuscript}/versions/{version}/recheck",
       kStaff, true},
      {"GET", R"(/manuscripts/(\d+)/versions/(\d+)/spot-check)",
       "/manuscripts/{manuscript}/versions/{version}/spot-check", kStaff, true},
      {"POST", R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/sample)",
       "/manuscripts/{manuscript}/versions/{version}/spot-check/sample", kWhoReviewer, true, "seed=&chars=0"},
      {"POST", R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/marks)",
       "/manuscripts/{manuscript}/versions/{version}/spot-check/marks", kWhoReviewer, true, "type=&passage="},
      {"POST", R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/marks/delete)",
       "/manuscripts/{manuscript}/versions/{version}/spot-check/marks/delete", kWhoReviewer, true, "index=x"},
      {"POST", R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/accept)",
       "/manuscripts/{manuscript}/versions/{version}/spot-check/accept", kWhoReviewer, true, "rule=&path="},
      {"GET", R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/report\.html)",
       "/manuscripts/{manuscript}/versions/{version}/spot-check/report.html", kStaff, true},
      {"GET", R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/report\.pdf)",
       "/manuscripts/{manuscript}/versions/{version}/spot-check/report.pdf", kStaff, true},
      {"GET", "/api/v1/me", "/api/v1/me", kWhoSignedIn},
      {"GET", "/api/v1/manuscripts", "/api/v1/manuscripts", kStaff},
      {"GET", R"(/api/v1/manuscripts/(\d+))", "/api/v1/manuscripts/{manuscript}", kStaff, true},
      // submission_routes.cc (征集: a compiler only for its own region, checked against the bag)
      {"GET", "/submissions/new", "/submissions/new", kStaff},
      {"POST", "/submissions", "/submissions", kStaff},
      // proofread_routes.cc
      {"GET", R"(/proofread/([^/]+)/(.+))", "/proofread/{work}/001?seq=1", kWhoAdmin | kWhoDigitizer},
      {"POST", R"(/proofread/([^/]+)/(.+))", "/proofread/{work}/001", kWhoAdmin | kWhoDigitizer, false,
       "seq=1&old=x&text=y"},
      // iiif_routes.cc (page images: public like the texts they show)
      {"GET", R"(/iiif/3/manifest/([^/]+)(?:/([^/]+))?)", "/iiif/3/manifest/{work}", kWhoEveryone},
      {"GET", R"(/iiif/3/(.+)/info\.json)", "/iiif/3/{work}/1/info.json", kWhoEveryone},
      {"GET", R"(/iiif/3/(.+)/([^/]+)/([^/]+)/([^/]+)/([^/]+))", "/iiif/3/{work}/1/full/max/0/default.jpg",
       kWhoEveryone},
      {"GET", R"(/iiif/3/([^/]+/[^/]+))", "/iiif/3/{work}/1", kWhoEveryone},
  };
  return kRoutes;
}

bool AcceptsPost(const std::string& path) {
  static const std::vector<std::regex> kPost = [] {
    std::vector<std::regex> v;
    for (const RouteSpec& r : AllRoutes()) {
      if (std::string(r.method) == "POST") v.emplace_back(r.pattern);
    }
    return v;
  }();
  for (const std::regex& re : kPost) {
    if (std::regex_match(path, re)) return true;
  }
  return false;
}

}  // namespace fangzhi::server
