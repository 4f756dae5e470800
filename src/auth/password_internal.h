// Password helpers shared by the files of the auth module.
#pragma once

#include <cstddef>
#include <string>

#include "adempauze/auth/auth.h"

namespace adempauze::auth {

// Maximum length of a password that CheckPasswordRule accepts, in bytes.
inline constexpr std::size_t kMaxPasswordBytes = 256;

// Returns an Argon2id hash of `cost` made from a random, discarded password. A login for an
// unknown name is verified against it, so it takes as long as one for an existing name. Returns
// an empty string (which never verifies) when the hash could not be made. Thread-safe.
std::string DummyHash(PasswordHashCost cost);

}  // namespace adempauze::auth
