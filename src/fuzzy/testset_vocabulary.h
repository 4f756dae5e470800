// Word lists for the fuzzy test-set generator. The demo module's name lists are private to
// that module (src/demo/), so the fuzzy module keeps its own, smaller ones. Every entry is a
// common word or name; the people made from them are random combinations.
#pragma once

#include <span>
#include <string_view>

namespace adempauze::fuzzy::internal {

std::span<const std::string_view> MaleGivenNames();
std::span<const std::string_view> FemaleGivenNames();
// Given names of people who came to Belgium as adults (these more often have BIS numbers).
std::span<const std::string_view> MaleGivenNamesAbroad();
std::span<const std::string_view> FemaleGivenNamesAbroad();

// Frequent Flemish surnames, some with a particle ("Van den Broeck", "D'Hondt").
std::span<const std::string_view> CommonSurnames();
// Parts for building rarer surnames: a stem and an ending ("Goos" + "sens"), or a particle
// and a place word ("Van den" + "Bossche").
std::span<const std::string_view> SurnameStems();
std::span<const std::string_view> SurnameEndings();
std::span<const std::string_view> SurnameParticles();
std::span<const std::string_view> SurnamePlaceWords();
// Surnames from abroad, several with letters outside ASCII ("Çelik", "Yılmaz", "Wójcik").
std::span<const std::string_view> SurnamesAbroad();

// Street names of the fictitious municipality, with their type word written out.
std::span<const std::string_view> Streets();

}  // namespace adempauze::fuzzy::internal
