#include "web/cookies.h"

#include <vector>

#include <sodium.h>

#include "web/app.h"

namespace adempauze::web {

std::string RandomHex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  std::string out(bytes * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), buffer.data(), buffer.size());
  out.pop_back();
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string CookieValue(const httplib::Request& request, std::string_view name) {
  std::string header = request.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    std::size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return {};
}

void SetCookie(RequestContext& context, std::string_view name, std::string_view value, CookieOptions options) {
  const ServerConfig& config = context.app().config();
  std::string cookie = std::string(name) + "=" + std::string(value) + "; Path=/; SameSite=Lax";
  if (options.http_only) cookie += "; HttpOnly";
  if (config.https() || config.behind_https_proxy) cookie += "; Secure";
  if (options.expire) cookie += "; Max-Age=0";
  else if (options.max_age_days > 0) cookie += "; Max-Age=" + std::to_string(options.max_age_days * 86400);
  context.response.set_header("Set-Cookie", cookie);
}

auth::SessionPolicy SessionPolicyOf(const ServerConfig& config) {
  return {std::chrono::minutes(config.session_idle_minutes), std::chrono::hours(config.session_absolute_hours)};
}

}  // namespace adempauze::web
