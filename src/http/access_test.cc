// The visibility rules: the DCC sees everything, a Supplier Party only its own.
#include "http/access.h"

#include <gtest/gtest.h>

namespace s1mig::http {
namespace {

TEST(Access, DccSeesEveryInstallationAndRecord) {
  Caller dcc{"DCC", Role::kDcc};
  EXPECT_TRUE(MaySeeInstallation(dcc, "SUP01", ""));
  EXPECT_TRUE(MaySeeInstallation(dcc, "", ""));
  EXPECT_TRUE(MaySeePartyRecord(dcc, "SUP02"));
}

TEST(Access, SupplierSeesOnlyWhereItIsElecOrGasSupplier) {
  Caller s{"SUP01", Role::kSupplier};
  EXPECT_TRUE(MaySeeInstallation(s, "SUP01", ""));
  EXPECT_TRUE(MaySeeInstallation(s, "SUP02", "SUP01"));
  EXPECT_FALSE(MaySeeInstallation(s, "SUP02", "SUP03"));
  EXPECT_FALSE(MaySeeInstallation(s, "", ""));
  EXPECT_FALSE(MaySeeInstallation(s, "SUP011", "sup01"));  // exact party ids only
}

TEST(Access, SupplierSeesOnlyItsOwnRecords) {
  Caller s{"SUP01", Role::kSupplier};
  EXPECT_TRUE(MaySeePartyRecord(s, "SUP01"));
  EXPECT_FALSE(MaySeePartyRecord(s, "SUP02"));
  EXPECT_FALSE(MaySeePartyRecord(s, "DCC"));
  Caller nobody{"", Role::kSupplier};
  EXPECT_FALSE(MaySeePartyRecord(nobody, ""));
  EXPECT_FALSE(MaySeeInstallation(nobody, "", ""));
}

TEST(Access, RolesAndPartyIds) {
  EXPECT_EQ(ParseRole("DCC"), Role::kDcc);
  EXPECT_EQ(ParseRole("SUPPLIER"), Role::kSupplier);
  EXPECT_FALSE(ParseRole("dcc"));
  EXPECT_STREQ(RoleName(Role::kSupplier), "SUPPLIER");
  EXPECT_TRUE(IsValidPartyId("SUP-01.a_b"));
  EXPECT_FALSE(IsValidPartyId(""));
  EXPECT_FALSE(IsValidPartyId("a b"));
  EXPECT_FALSE(IsValidPartyId(std::string(65, 'a')));
}

}  // namespace
}  // namespace s1mig::http
