// Cookies, random tokens and constant-time comparison for the web layer.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>

#include "adempauze/auth/auth.h"
#include "adempauze/web/server.h"

namespace adempauze::web {

class RequestContext;

// Returns `bytes` random bytes as lowercase hex.
std::string RandomHex(std::size_t bytes);

// True when both are non-empty and equal, compared in constant time.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// Returns the value of cookie `name` in the request, or empty.
std::string CookieValue(const httplib::Request& request, std::string_view name);

struct CookieOptions {
  bool http_only = true;
  int max_age_days = 0;  // 0: a session cookie
  bool expire = false;   // delete the cookie
};

// Adds a Set-Cookie header with Path=/ and SameSite=Lax, HttpOnly unless `options` turns it
// off, and Secure when the site is served over HTTPS (directly or behind a proxy).
void SetCookie(RequestContext& context, std::string_view name, std::string_view value, CookieOptions options);

auth::SessionPolicy SessionPolicyOf(const ServerConfig& config);

}  // namespace adempauze::web
