#include "adempauze/crypto/field_cipher.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace adempauze::crypto {
namespace {

KeySet NewKeys() {
  auto keys = KeySet::Generate();
  EXPECT_TRUE(keys.ok());
  return std::move(keys).value();
}

const FieldPlace kLastNameRow7{"debtors", "last_name", 7};

TEST(FieldCipher, SealThenOpenReturnsPlaintext) {
  KeySet keys = NewKeys();
  FieldCipher cipher(keys);
  std::string sealed = cipher.Seal("Vermeulen", kLastNameRow7);
  EXPECT_EQ(sealed.size(), std::string("Vermeulen").size() + kSealedOverhead);
  EXPECT_EQ(sealed.find("Vermeulen"), std::string::npos);
  auto opened = cipher.Open(sealed, kLastNameRow7);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "Vermeulen");
}

TEST(FieldCipher, EmptyValueRoundTrips) {
  KeySet keys = NewKeys();
  FieldCipher cipher(keys);
  auto opened = cipher.Open(cipher.Seal("", kLastNameRow7), kLastNameRow7);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "");
}

TEST(FieldCipher, SameValueSealsDifferently) {
  KeySet keys = NewKeys();
  FieldCipher cipher(keys);
  EXPECT_NE(cipher.Seal("Peeters", kLastNameRow7), cipher.Seal("Peeters", kLastNameRow7));
}

TEST(FieldCipher, TamperedCiphertextFails) {
  KeySet keys = NewKeys();
  FieldCipher cipher(keys);
  std::string sealed = cipher.Seal("Janssens", kLastNameRow7);
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string damaged = sealed;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    auto opened = cipher.Open(damaged, kLastNameRow7);
    ASSERT_FALSE(opened.ok()) << "byte " << i;
    EXPECT_EQ(opened.error().code, ErrorCode::kCrypto);
  }
}

TEST(FieldCipher, TruncatedCiphertextFails) {
  KeySet keys = NewKeys();
  FieldCipher cipher(keys);
  std::string sealed = cipher.Seal("Janssens", kLastNameRow7);
  EXPECT_FALSE(cipher.Open(sealed.substr(0, sealed.size() - 1), kLastNameRow7).ok());
  EXPECT_FALSE(cipher.Open("", kLastNameRow7).ok());
}

TEST(FieldCipher, CiphertextMovedToAnotherRowFails) {
  KeySet keys = NewKeys();
  FieldCipher cipher(keys);
  std::string sealed = cipher.Seal("Wouters", kLastNameRow7);
  auto opened = cipher.Open(sealed, FieldPlace{"debtors", "last_name", 8});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().message_key, "crypto.decrypt_failed");
}

TEST(FieldCipher, CiphertextMovedToAnotherColumnFails) {
  KeySet keys = NewKeys();
  FieldCipher cipher(keys);
  std::string sealed = cipher.Seal("Wouters", kLastNameRow7);
  EXPECT_FALSE(cipher.Open(sealed, FieldPlace{"debtors", "first_name", 7}).ok());
  EXPECT_FALSE(cipher.Open(sealed, FieldPlace{"clients", "last_name", 7}).ok());
}

TEST(FieldCipher, OtherKeyFails) {
  KeySet keys = NewKeys();
  KeySet other = NewKeys();
  FieldCipher cipher(keys);
  FieldCipher other_cipher(other);
  auto opened = other_cipher.Open(cipher.Seal("Maes", kLastNameRow7), kLastNameRow7);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kCrypto);
}

TEST(FieldCipher, ManySealsUseFreshNonces) {
  KeySet keys = NewKeys();
  FieldCipher cipher(keys);
  std::set<std::string> nonces;
  for (int i = 0; i < 1000; ++i) nonces.insert(cipher.Seal("x", kLastNameRow7).substr(1, 24));
  EXPECT_EQ(nonces.size(), 1000u);
}

TEST(BlindIndex, EqualNumbersGiveEqualIndexes) {
  KeySet keys = NewKeys();
  EXPECT_EQ(ComputeBlindIndex(keys, "85073003328"), ComputeBlindIndex(keys, "85073003328"));
  EXPECT_NE(ComputeBlindIndex(keys, "85073003328"), ComputeBlindIndex(keys, "85073003427"));
}

TEST(BlindIndex, DependsOnTheKey) {
  KeySet keys = NewKeys();
  KeySet other = NewKeys();
  EXPECT_NE(ComputeBlindIndex(keys, "85073003328"), ComputeBlindIndex(other, "85073003328"));
}

TEST(ChainHash, DependsOnPreviousMessageAndKey) {
  KeySet keys = NewKeys();
  KeySet other = NewKeys();
  Digest zero{};
  Digest one{};
  one[0] = 1;
  EXPECT_EQ(ChainHash(keys, zero, "a"), ChainHash(keys, zero, "a"));
  EXPECT_NE(ChainHash(keys, zero, "a"), ChainHash(keys, one, "a"));
  EXPECT_NE(ChainHash(keys, zero, "a"), ChainHash(keys, zero, "b"));
  EXPECT_NE(ChainHash(keys, zero, "a"), ChainHash(other, zero, "a"));
}

TEST(KeyCheckValue, DiffersBetweenKeySets) {
  KeySet keys = NewKeys();
  KeySet other = NewKeys();
  EXPECT_EQ(KeyCheckValue(keys).size(), 96u);
  EXPECT_EQ(KeyCheckValue(keys), KeyCheckValue(keys));
  EXPECT_NE(KeyCheckValue(keys), KeyCheckValue(other));
}

}  // namespace
}  // namespace adempauze::crypto
