// Word lists for the fuzzy test-set generator.
#include "fuzzy/testset_vocabulary.h"

#include <array>

namespace adempauze::fuzzy::internal {
namespace {

constexpr std::array<std::string_view, 80> kMale = {
    "Jan",     "Jozef",      "Pieter",   "Willem", "Gustaaf",  "Lodewijk",   "Antoon",  "Bart",
    "Johan",   "Dirk",       "Luc",      "Marc",   "Patrick",  "Peter",      "Koen",    "Geert",
    "Filip",   "Kris",       "Tom",      "Wouter", "Steven",   "Stijn",      "Jeroen",  "Bram",
    "Thomas",  "Pieter-Jan", "Jens",     "Wim",    "Hendrik",  "Frans",      "Alfons",  "Cornelis",
    "Jacobus", "Nicolaas",   "Hubert",   "Albert", "Robert",   "Christiaan", "Paul",    "Michiel",
    "Maarten", "Matthias",   "Frederik", "Gerard", "Emmanuel", "Victor",     "Raymond", "Edmond",
    "René",    "André",      "Jérôme",   "Noël",   "Loïc",     "Maël",       "Arno",    "Lars",
    "Senne",   "Warre",      "Lowie",    "Mathis", "Vic",      "Lucas",      "Louis",   "Arthur",
    "Jules",   "Finn",       "Seppe",    "Robbe",  "Ward",     "Rune",       "Daan",    "Jef",
    "Staf",    "Toon",       "Rik",      "Mon",    "Sus",      "Guy",        "Eddy",    "Rudi",
};

constexpr std::array<std::string_view, 80> kFemale = {
    "Maria",      "Josephine", "Elisabeth",    "Christine",  "Martine",   "Catharina", "Theresia",
    "Margaretha", "Johanna",   "Anna",         "Wilhelmina", "Caroline",  "Pauline",   "Dorothea",
    "Annemie",    "Hilde",     "Greet",        "Els",        "Ann",       "Katrien",   "Sofie",
    "Liesbeth",   "Inge",      "Veerle",       "Sarah",      "Lotte",     "Laura",     "Lien",
    "Hanne",      "Eline",     "Marie-Louise", "Jana",       "Nele",      "Femke",     "Emma",
    "Louise",     "Zoë",       "Chloé",        "Anaïs",      "Hélène",    "Céline",    "Inès",
    "Noémie",     "Thaïs",     "Renée",        "Mieke",      "Fien",      "Tine",      "Lies",
    "Ria",        "Trees",     "Griet",        "Mia",        "Nina",      "Ella",      "Olivia",
    "Marthe",     "Lena",      "Amélie",       "Julie",      "Charlotte", "Elke",      "Kim",
    "Tinne",      "Leen",      "Marleen",      "Rita",       "Godelieve", "Agnes",     "Bertha",
    "Yvonne",     "Denise",    "Simonne",      "Paula",      "Jeanne",    "Irène",     "Dominique",
    "Ilse",       "Tamara",    "Evi",
};

constexpr std::array<std::string_view, 24> kMaleAbroad = {
    "Mehmet", "Mustafa",     "Yusuf", "Emre",    "Ömer",    "Mohamed", "Youssef", "Ahmed",
    "Karim",  "Said",        "Piotr", "Andrzej", "Tomasz",  "Paweł",   "Ion",     "Mihai",
    "Andrei", "Jean-Pierre", "Kofi",  "Patrice", "Ibrahim", "Hamza",   "Ayoub",   "Bilal",
};

constexpr std::array<std::string_view, 24> kFemaleAbroad = {
    "Ayşe",         "Fatma", "Elif",      "Zeynep",    "Gülsen",     "Fatima", "Khadija", "Naïma",
    "Samira",       "Leila", "Agnieszka", "Katarzyna", "Małgorzata", "Elena",  "Ioana",   "Mihaela",
    "Marie-Claire", "Ama",   "Grâce",     "Esther",    "Amina",      "Salma",  "Hajar",   "Yasmina",
};

constexpr std::array<std::string_view, 60> kCommonSurnames = {
    "Peeters",        "Janssens",  "Maes",         "Jacobs",      "Mertens",        "Willems",
    "Claes",          "Goossens",  "Wouters",      "Dubois",      "Lambert",        "Dupont",
    "Hermans",        "Aerts",     "Martens",      "Smets",       "Michiels",       "Coppens",
    "Desmet",         "Hendrickx", "Verstraete",   "Leroy",       "Vermeulen",      "Stevens",
    "Van den Broeck", "De Smet",   "Van Damme",    "De Backer",   "Van de Velde",   "D'Hondt",
    "Van Hoof",       "De Clercq", "Vandenberghe", "De Vos",      "Van der Linden", "Op de Beeck",
    "Vanderhaegen",   "De Wilde",  "Van Acker",    "Ter Beke",    "'t Kindt",       "De la Croix",
    "Du Bois",        "Le Roy",    "Ten Kate",     "Van Rompaey", "Verhaegen",      "Thys",
    "Ysebaert",       "Wuyts",     "Schepers",     "Geerts",      "Cools",          "Lemmens",
    "Boeckx",         "Moens",     "Verbruggen",   "Dewulf",      "Lefèvre",        "Lemaître",
};

constexpr std::array<std::string_view, 36> kStems = {
    "Goos",    "Hend", "Luyck", "Bogaer", "Wauter", "Geer",  "Verstr", "Haes",  "Meul",
    "Dierick", "Roel", "Beck",  "Sels",   "Vloem",  "Bruyn", "Coppen", "Maert", "Smed",
    "Hoef",    "Lauw", "Stroo", "Gyssel", "Bosm",   "Kerck", "Lenaer", "Baet",  "Daem",
    "Moer",    "Pauw", "Rycke", "Sween",  "Tierl",  "Uytt",  "Wyck",   "Ceul",  "Ghel",
};

constexpr std::array<std::string_view, 14> kEndings = {
    "s", "ens", "aert", "aerts", "e", "en", "ers", "x", "ckx", "mans", "man", "ijns", "eel", "ier",
};

constexpr std::array<std::string_view, 7> kParticles = {
    "Van den", "Van der", "Van de", "Van", "De", "Ver", "Vanden",
};

constexpr std::array<std::string_view, 32> kPlaceWords = {
    "Broeck",  "Bossche",   "Velde", "Berghe", "Heuvel", "Meersch", "Straeten",     "Walle",
    "Putte",   "Kerckhove", "Poel",  "Hoeve",  "Linden", "Eynde",   "Bruggen",      "Daele",
    "Voorde",  "Haute",     "Steen", "Wiele",  "Hulle",  "Bulcke",  "Cauwenberghe", "Gucht",
    "Moortel", "Weghe",     "Biest", "Bergh",  "Zande",  "Kerkhof", "Houtte",       "Meulebroeck",
};

constexpr std::array<std::string_view, 36> kSurnamesAbroad = {
    "Yılmaz",   "Çelik",      "Öztürk",    "Şahin",    "Kılıç",     "Doğan",
    "Aydın",    "Işık",       "Erdoğan",   "Güneş",    "El Amrani", "Benali",
    "Bouzid",   "El Idrissi", "Ait Ouali", "Azzouzi",  "Chaouki",   "Nowak",
    "Kowalski", "Wiśniewski", "Wójcik",    "Kamiński", "Popescu",   "Ionescu",
    "Dumitru",  "Mbuyi",      "Kabongo",   "Ilunga",   "Mensah",    "Osei",
    "Lefebvre", "Gérard",     "Müller",    "Schröder", "Nguyễn",    "Trần",
};

constexpr std::array<std::string_view, 64> kStreets = {
    "Kerkstraat",
    "Stationsstraat",
    "Molenstraat",
    "Nieuwstraat",
    "Dorpsstraat",
    "Schoolstraat",
    "Kapelstraat",
    "Beekstraat",
    "Veldstraat",
    "Hoogstraat",
    "Brugsesteenweg",
    "Gentsesteenweg",
    "Antwerpsesteenweg",
    "Kortrijksesteenweg",
    "Sint-Jansstraat",
    "Sint-Pietersplein",
    "Sint-Annalaan",
    "Sint-Martinusstraat",
    "Grote Markt",
    "Marktplein",
    "Kasteeldreef",
    "Beukendreef",
    "Lindenlaan",
    "Stationsplein",
    "Koning Albertlaan",
    "Leopoldlaan",
    "Kouter",
    "Frankrijklei",
    "Vrijheidslaan",
    "Boomgaardstraat",
    "Bredabaan",
    "Diksmuidelaan",
    "Heirweg",
    "Molenweg",
    "Kerkweg",
    "Zandweg",
    "Boulevard Leopold",
    "Processiestraat",
    "Meersstraat",
    "Populierenlaan",
    "Eikenlaan",
    "Berkenlaan",
    "Wilgenstraat",
    "Akkerstraat",
    "Weverstraat",
    "Brouwerijstraat",
    "Smidsestraat",
    "Begijnhofstraat",
    "Kloosterstraat",
    "Pastorijstraat",
    "Gemeenteplein",
    "Vredeplein",
    "Jozef Wautersstraat",
    "Pater Damiaanstraat",
    "Dokter Vandeveldestraat",
    "Rue de l'Église",
    "Avenue des Érables",
    "Groenstraat",
    "Zuidlaan",
    "Noorderlaan",
    "Oostveldstraat",
    "Westlaan",
    "Ijzerweg",
    "Hazelaarlei",
};

}  // namespace

std::span<const std::string_view> MaleGivenNames() { return kMale; }
std::span<const std::string_view> FemaleGivenNames() { return kFemale; }
std::span<const std::string_view> MaleGivenNamesAbroad() { return kMaleAbroad; }
std::span<const std::string_view> FemaleGivenNamesAbroad() { return kFemaleAbroad; }
std::span<const std::string_view> CommonSurnames() { return kCommonSurnames; }
std::span<const std::string_view> SurnameStems() { return kStems; }
std::span<const std::string_view> SurnameEndings() { return kEndings; }
std::span<const std::string_view> SurnameParticles() { return kParticles; }
std::span<const std::string_view> SurnamePlaceWords() { return kPlaceWords; }
std::span<const std::string_view> SurnamesAbroad() { return kSurnamesAbroad; }
std::span<const std::string_view> Streets() { return kStreets; }

}  // namespace adempauze::fuzzy::internal
