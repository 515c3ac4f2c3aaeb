// Tokens: hashing, the tokens file, constant-time lookup, bearer header parsing, minting.
#include "http/tokens.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace s1mig::http {
namespace {

std::string WriteFile(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(HashToken, IsLowerHexSha256) {
  // SHA-256("abc") from FIPS 180-2.
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenTable, LoadsAndAuthenticatesByHash) {
  std::string path = WriteFile("tokens_ok.csv",
                               "token_sha256,party_id,role\n" + HashToken("dcc-secret") + ",DCC,DCC\n" +
                                   HashToken("sup1-secret") + ",SUP01,SUPPLIER\n");
  auto t = TokenTable::Load(path);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->size(), 2u);
  auto dcc = t->Authenticate("dcc-secret");
  ASSERT_TRUE(dcc);
  EXPECT_EQ(dcc->party, "DCC");
  EXPECT_TRUE(dcc->is_dcc());
  auto sup = t->Authenticate("sup1-secret");
  ASSERT_TRUE(sup);
  EXPECT_EQ(sup->party, "SUP01");
  EXPECT_EQ(sup->role, Role::kSupplier);
  EXPECT_FALSE(t->Authenticate("sup1-secreT"));
  EXPECT_FALSE(t->Authenticate(""));
  // The hash itself is not a token.
  EXPECT_FALSE(t->Authenticate(HashToken("sup1-secret")));
  // No plain token is kept: only hashes.
  for (const auto& e : t->entries()) EXPECT_EQ(e.sha256.size(), 64u);
}

TEST(TokenTable, AcceptsUpperCaseHashesColumnsInAnyOrderAndCrlf) {
  std::string hash = HashToken("x");
  for (char& c : hash) c = static_cast<char>(std::toupper(c));
  std::string path = WriteFile("tokens_order.csv", "role,token_sha256,party_id\r\nSUPPLIER," + hash + ",SUP09\r\n");
  auto t = TokenTable::Load(path);
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_TRUE(t->Authenticate("x"));
  EXPECT_EQ(t->Authenticate("x")->party, "SUP09");
}

TEST(TokenTable, RefusesMalformedFilesNamingTheLine) {
  struct Case {
    std::string text, expect;
  };
  std::string h = HashToken("a");
  std::vector<Case> cases = {
      {"token_sha256,party_id,role\nabc,SUP01,SUPPLIER\n", ":2: token_sha256"},
      {"token_sha256,party_id,role\n" + h + ",,SUPPLIER\n", ":2: party_id"},
      {"token_sha256,party_id,role\n" + h + ",SUP 1,SUPPLIER\n", ":2: party_id"},
      {"token_sha256,party_id,role\n" + h + ",SUP01,supplier\n", ":2: role"},
      {"token_sha256,party_id,role\n" + h + ",SUP01,SUPPLIER\n" + h + ",SUP02,SUPPLIER\n", ":3: this token_sha256 is already listed"},
      {"token_sha256,party_id\n" + h + ",SUP01\n", "role"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    auto t = TokenTable::Load(WriteFile("tokens_bad" + std::to_string(i) + ".csv", cases[i].text));
    ASSERT_FALSE(t.ok()) << i;
    EXPECT_NE(t.status().message().find(cases[i].expect), std::string::npos) << i << ": " << t.status().message();
  }
  EXPECT_FALSE(TokenTable::Load(::testing::TempDir() + "/no-such-tokens.csv").ok());
}

TEST(TokenTable, RefusesOverlongTokensWithoutHashing) {
  auto t = TokenTable::FromEntries({{HashToken(std::string(600, 'a')), {"SUP01", Role::kSupplier}}});
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->Authenticate(std::string(600, 'a')));
}

TEST(BearerToken, ParsesTheSchemeCaseInsensitively) {
  EXPECT_EQ(BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(BearerToken("bearer   abc  "), "abc");
  EXPECT_EQ(BearerToken("BEARER abc"), "abc");
  EXPECT_EQ(BearerToken("Basic abc"), "");
  EXPECT_EQ(BearerToken("Bearer"), "");
  EXPECT_EQ(BearerToken("Bearer "), "");
  EXPECT_EQ(BearerToken("abc"), "");
}

TEST(NewToken, IsRandomAndItsLineAuthenticates) {
  auto a = NewToken(), b = NewToken();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->size(), 4u + 64u);
  std::string line = TokenCsvLine(*a, {"SUP01", Role::kSupplier});
  EXPECT_EQ(line, HashToken(*a) + ",SUP01,SUPPLIER");
  EXPECT_EQ(line.find(*a), std::string::npos);
  auto t = TokenTable::Load(WriteFile("tokens_new.csv", "token_sha256,party_id,role\n" + line + "\n"));
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->Authenticate(*a));
}

}  // namespace
}  // namespace s1mig::http
