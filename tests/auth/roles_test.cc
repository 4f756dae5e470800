// Role identifiers, labels and role sets.
#include <gtest/gtest.h>

#include "adempauze/auth/auth.h"

namespace adempauze::auth {
namespace {

TEST(Roles, IdentifiersRoundTrip) {
  ASSERT_EQ(AllRoles().size(), 6u);
  for (Role role : AllRoles()) {
    std::optional<Role> parsed = ParseRole(RoleId(role));
    ASSERT_TRUE(parsed.has_value()) << RoleId(role);
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_FALSE(ParseRole("Admin").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

TEST(Roles, LabelsInDutchAndEnglish) {
  EXPECT_EQ(RoleLabel(Role::kDebtorTeam, Language::kDutch), "debiteurenteam");
  EXPECT_EQ(RoleLabel(Role::kSocialWorker, Language::kDutch), "maatschappelijk werker");
  EXPECT_EQ(RoleLabel(Role::kReviewer, Language::kDutch), "controleur");
  EXPECT_EQ(RoleLabel(Role::kClientListKeeper, Language::kDutch), "beheerder cliëntenlijst");
  EXPECT_EQ(RoleLabel(Role::kOfficer, Language::kDutch), "functionaris voor gegevensbescherming");
  EXPECT_EQ(RoleLabel(Role::kAdministrator, Language::kDutch), "beheerder");
  EXPECT_EQ(RoleLabel(Role::kOfficer, Language::kEnglish), "data protection officer");
  for (Role role : AllRoles()) {
    EXPECT_TRUE(HasMessage("auth.role." + std::string(RoleId(role)))) << RoleId(role);
  }
}

TEST(RoleSet, ParsesListAndWritesItInRoleOrder) {
  Result<RoleSet> parsed = RoleSet::Parse(" officer, debtor_team,,");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->Has(Role::kOfficer));
  EXPECT_TRUE(parsed->Has(Role::kDebtorTeam));
  EXPECT_FALSE(parsed->Has(Role::kAdministrator));
  EXPECT_EQ(parsed->ToString(), "debtor_team,officer");
  EXPECT_EQ(*parsed, (RoleSet{Role::kOfficer, Role::kDebtorTeam}));
  EXPECT_EQ(parsed->roles(), (std::vector<Role>{Role::kDebtorTeam, Role::kOfficer}));
}

TEST(RoleSet, EmptyTextIsEmptySet) {
  Result<RoleSet> parsed = RoleSet::Parse("");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->empty());
  EXPECT_EQ(parsed->ToString(), "");
}

TEST(RoleSet, RejectsUnknownIdentifier) {
  Result<RoleSet> parsed = RoleSet::Parse("debtor_team,boss");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(parsed.error().message_key, "auth.role.unknown");
  EXPECT_EQ(parsed.error().args, (std::vector<std::string>{"boss"}));
}

TEST(RoleSet, IntersectsWhenSharingRole) {
  const RoleSet city{Role::kDebtorTeam, Role::kOfficer};
  EXPECT_TRUE(city.Intersects({Role::kOfficer}));
  EXPECT_FALSE(city.Intersects({Role::kSocialWorker, Role::kReviewer}));
  EXPECT_FALSE(city.Intersects({}));
}

}  // namespace
}  // namespace adempauze::auth
