#include "demo/vocabulary.h"

namespace adempauze::demo {
namespace {

constexpr std::string_view kMaleFirstNames[] = {
    "Jan",     "Piet",    "Luc",     "Marc",    "Dirk",    "Koen",    "Bart",    "Tom",
    "Wim",     "Geert",   "Johan",   "Patrick", "Peter",   "Kris",    "Stijn",   "Jef",
    "Frans",   "Jozef",   "Willy",   "Eddy",    "Rudi",    "Guido",   "Herman",  "Gert",
    "Filip",   "Wouter",  "Pieter",  "Jens",    "Thomas",  "Arne",    "Lars",    "Robbe",
    "Seppe",   "Wout",    "Lukas",   "Milan",   "Noah",    "Vic",     "Warre",   "Mats",
    "Kobe",    "Jonas",   "Bram",    "Sander",  "Maarten", "Jeroen",  "Steven",  "Kurt",
    "Noël",    "François", "André",  "René",    "Jérôme",  "Loïc",    "Gaëtan",  "Raphaël",
    "Benoît",  "Joël",    "Léon",    "Rémi",    "Ward",    "Staf",    "Lode",    "Fons",
};

constexpr std::string_view kFemaleFirstNames[] = {
    "Maria",   "Anna",    "Els",     "An",      "Katrien", "Griet",   "Sofie",   "Lien",
    "Hilde",   "Ingrid",  "Martine", "Christel", "Veerle", "Nathalie", "Inge",   "Karin",
    "Leen",    "Ilse",    "Tine",    "Evi",     "Jana",    "Lotte",   "Fien",    "Nele",
    "Marie",   "Paula",   "Rosa",    "Godelieve", "Lieve", "Mieke",   "Greet",   "Annemie",
    "Emma",    "Louise",  "Lina",    "Mila",    "Ella",    "Nina",    "Marthe",  "Febe",
    "Lore",    "Femke",   "Julie",   "Laura",   "Elke",    "Kim",     "Joke",    "Rita",
    "Hélène",  "Zoë",     "Anaïs",   "Céline",  "Chloé",   "Renée",   "Thérèse", "Inès",
    "Noémie",  "Mélanie", "Noëlla",  "Agnès",   "Ann-Sofie", "Marie-Jeanne", "Josée", "Irène",
};

constexpr std::string_view kMaleFirstNamesAbroad[] = {
    "Mohamed", "Ahmed",  "Youssef", "Karim",  "Mehmet", "Emre",   "Burak",  "Piotr",
    "Tomasz",  "Andrei", "Ion",     "Mihai",  "Samir",  "Omar",   "Bilal",  "Kofi",
    "Jean-Pierre", "Aliou", "Dmytro", "Giorgi",
};

constexpr std::string_view kFemaleFirstNamesAbroad[] = {
    "Fatima", "Aïcha",  "Samira",  "Nadia",   "Aylin",  "Elif",   "Zeynep", "Agnieszka",
    "Katarzyna", "Elena", "Ioana", "Maria-Elena", "Yasmina", "Amina", "Leïla", "Naïma",
    "Olena",  "Nino",   "Awa",     "Grace",
};

constexpr std::string_view kSurnames[] = {
    "Peeters",   "Janssens",  "Maes",      "Jacobs",    "Mertens",   "Willems",   "Claes",
    "Goossens",  "Wouters",   "Lambrechts", "Hermans",  "Aerts",     "Martens",   "Verhaegen",
    "Desmet",    "Cools",     "Smets",     "Michiels",  "Vermeulen", "Pauwels",   "Wuyts",
    "Verstraeten", "Vermeiren", "Thys",    "Hendrickx", "Segers",    "Cuypers",   "Verbruggen",
    "Leemans",   "Stevens",   "Coppens",   "Geerts",    "Vandenberghe", "Bogaerts", "Verschueren",
    "Devos",     "Baert",     "Verbeke",   "Declercq",  "Vandamme",  "Lemmens",   "Hendrikx",
    "Dierckx",   "Cornelis",  "Bertels",   "Verhoeven", "Mahieu",    "Timmermans", "Sels",
    "Boeckx",    "Vervoort",  "Verlinden", "Bosmans",   "Luyten",    "Heylen",    "Sterckx",
    "Nijs",      "Wijns",     "Aelbrecht", "Beullens",  "Caers",     "Dewulf",    "Goris",
    "Hoefnagels", "Kenis",    "Lauwers",   "Moens",     "Nuyts",     "Pattyn",    "Roels",
    "Schepens",  "Tack",      "Van Roy",   "Wellens",   "Ysebaert",  "Ceulemans",
};

constexpr std::string_view kSurnamesWithParticle[] = {
    "Van den Broeck", "De Smet",       "Vander Elst",   "D'Hondt",      "Van de Velde",
    "De Clercq",      "Van Damme",     "De Backer",     "Van Dyck",     "De Vos",
    "Van Acker",      "De Meyer",      "Van der Linden", "De Wilde",    "Van Hoof",
    "De Cock",        "Vanden Bossche", "De Coninck",   "Van Hecke",    "De Groote",
    "Van Laere",      "D'Haese",       "Vande Walle",   "De Ridder",    "Ver Eecke",
    "De Keyser",      "Van Belle",     "Van de Putte",  "De Bruyne",    "Van den Eynde",
    "D'Hooge",        "Van Gestel",    "De Jonghe",     "Van Praet",    "Op de Beeck",
    "In 't Ven",      "Van der Auwera", "De Paepe",     "Van Loock",    "De Schepper",
};

constexpr std::string_view kSurnamesAbroad[] = {
    "Çelik",    "Öztürk",   "Demir",    "Kaya",     "Yilmaz",   "Özdemir",  "El Amrani",
    "Benali",   "El Idrissi", "Bouzid", "Nowak",    "Kowalski", "Wójcik", "Popescu",
    "Ionescu",  "Dupont",   "Lefèvre",  "Müller",   "García",   "Mensah",   "Diallo",
    "Kovalenko", "Beridze", "Da Silva", "Nguyen",
};

constexpr std::string_view kStreets[] = {
    "Kerkstraat",       "Stationsstraat",    "Molenweg",          "Dorpsplein",
    "Steenweg op Beekhoven", "Kapelleveld",  "Schoolstraat",      "Nieuwstraat",
    "Beekstraat",       "Heidestraat",       "Lindelaan",         "Populierenlaan",
    "Bosstraat",        "Veldstraat",        "Meersstraat",       "Kouterweg",
    "Hoogstraat",       "Processieweg",      "Sint-Jozefstraat",  "Bergstraat",
    "Zandstraat",       "Vijverstraat",      "Brugstraat",        "Ademhof",
    "Beekhovenstraat",  "Pastoor Ceulemansstraat", "Koning Albertlaan", "Groenstraat",
    "Klaverveld",       "Weverijstraat",     "Oude Baan",         "Hoeveweg",
    "Sint-Annaplein",   "Ter Adembeekdreef", "Smidsestraat",      "Heirbaan",
};

constexpr std::string_view kRemarks[] = {
    "",
    "",
    "",
    "Herinnering verstuurd",
    "Tweede herinnering verstuurd",
    "Afbetalingsplan gevraagd",
    "Adres nakijken",
    "Betaalt volgende maand; terugbellen",
    "Zegt \"al betaald\"",
    "Schuld wegens niet-betaalde retributie",
    "Aangetekende zending teruggekomen",
    "=voorlopig",
    "-niet contacteren",
};

}  // namespace

std::span<const std::string_view> MaleFirstNames() { return kMaleFirstNames; }
std::span<const std::string_view> FemaleFirstNames() { return kFemaleFirstNames; }
std::span<const std::string_view> MaleFirstNamesAbroad() { return kMaleFirstNamesAbroad; }
std::span<const std::string_view> FemaleFirstNamesAbroad() { return kFemaleFirstNamesAbroad; }
std::span<const std::string_view> Surnames() { return kSurnames; }
std::span<const std::string_view> SurnamesWithParticle() { return kSurnamesWithParticle; }
std::span<const std::string_view> SurnamesAbroad() { return kSurnamesAbroad; }
std::span<const std::string_view> Streets() { return kStreets; }
std::span<const std::string_view> Remarks() { return kRemarks; }

}  // namespace adempauze::demo
