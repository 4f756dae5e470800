// Word lists for fictitious people in the fictitious municipality Adembeek.
//
// Every text is UTF-8 and encodable in Windows-1252, so a demo list can be written in
// either encoding without losing a character (a test checks this).
#pragma once

#include <span>
#include <string_view>

namespace adempauze::demo {

// The municipality all demo addresses lie in. Postcode 9999 is not assigned to any
// Belgian municipality, so a demo address can never be a real one.
inline constexpr std::string_view kMunicipality = "Adembeek";
inline constexpr std::string_view kPostcode = "9999";

std::span<const std::string_view> MaleFirstNames();
std::span<const std::string_view> FemaleFirstNames();
// First names for people who came to Belgium later in life (more often BIS numbers).
std::span<const std::string_view> MaleFirstNamesAbroad();
std::span<const std::string_view> FemaleFirstNamesAbroad();

// Surnames without particle ("Peeters"), with particle ("Van den Broeck", "D'Hondt") and
// from abroad ("Çelik"). Double names are combined from these by the generator.
std::span<const std::string_view> Surnames();
std::span<const std::string_view> SurnamesWithParticle();
std::span<const std::string_view> SurnamesAbroad();

// Streets of Adembeek.
std::span<const std::string_view> Streets();

// Free text as found in a finance package's remark column, some with ';' and '"'.
std::span<const std::string_view> Remarks();

}  // namespace adempauze::demo
