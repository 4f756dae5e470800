// Key file version 2: rotation, shredding and the signing key (docs/formats/key-file.md).
#include <sys/stat.h>

#include <string>

#include <gtest/gtest.h>

#include "adempauze/crypto/field_cipher.h"
#include "adempauze/crypto/keys.h"
#include "crypto/temp_dir.h"

namespace adempauze::crypto {
namespace {

using testing_support::TempDir;

std::string Key(const unsigned char* key) { return {reinterpret_cast<const char*>(key), kKeyBytes}; }

TEST(KeyRotation, NewDataKeyKeepsOldOneAsPreviousAndRoundTrips) {
  TempDir dir;
  auto keys = KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->DataKeyIdHex(), keys->KeyIdHex());
  auto rotating = keys->WithNewDataKey();
  ASSERT_TRUE(rotating.ok());
  EXPECT_TRUE(rotating->has_previous_data_key());
  EXPECT_EQ(rotating->PreviousDataKeyIdHex(), keys->DataKeyIdHex());
  EXPECT_NE(rotating->DataKeyIdHex(), keys->DataKeyIdHex());
  EXPECT_NE(Key(rotating->data_key()), Key(keys->data_key()));
  EXPECT_EQ(Key(rotating->previous_data_key()), Key(keys->data_key()));
  EXPECT_EQ(Key(rotating->log_key()), Key(keys->log_key()));
  EXPECT_FALSE(rotating->WithNewDataKey().ok());  // one rotation at a time

  ASSERT_TRUE(WriteKeyFile(dir / "k", *rotating).ok());
  auto loaded = LoadKeyFile(dir / "k");
  ASSERT_TRUE(loaded.ok()) << loaded.error().Render(Language::kEnglish);
  EXPECT_EQ(loaded->KeyIdHex(), keys->KeyIdHex());
  EXPECT_EQ(loaded->DataKeyIdHex(), rotating->DataKeyIdHex());
  EXPECT_EQ(loaded->PreviousDataKeyIdHex(), keys->DataKeyIdHex());
  EXPECT_EQ(Key(loaded->previous_data_key()), Key(keys->data_key()));
  EXPECT_EQ(Key(loaded->blind_index_key()), Key(keys->blind_index_key()));
}

TEST(KeyRotation, FieldsOfBothKeysOpenDuringRotationOnlyNewAfter) {
  auto keys = KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  FieldPlace place{"debtors", "last_name", 7};
  FieldCipher old_cipher(*keys);
  const std::string old_sealed = old_cipher.Seal("Vermeulen", place);

  auto rotating = keys->WithNewDataKey();
  ASSERT_TRUE(rotating.ok());
  FieldCipher cipher(*rotating);
  EXPECT_FALSE(cipher.IsSealedWithCurrentKey(old_sealed));
  auto opened = cipher.Open(old_sealed, place);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "Vermeulen");
  const std::string new_sealed = cipher.Seal("Vermeulen", place);
  EXPECT_TRUE(cipher.IsSealedWithCurrentKey(new_sealed));

  auto done = rotating->WithoutPreviousDataKey();
  ASSERT_TRUE(done.ok());
  FieldCipher after(*done);
  EXPECT_TRUE(after.Open(new_sealed, place).ok());
  auto missing = after.Open(old_sealed, place);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message_key, "keys.data_key_missing");
}

TEST(KeyRotation, Version1FieldsStillOpen) {
  auto keys = KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  FieldPlace place{"debtors", "street", 3};
  FieldCipher cipher(*keys);
  // A version 1 field is a version 2 field without the key tag: same nonce, same ciphertext.
  std::string sealed = cipher.Seal("Kerkstraat", place);
  std::string version1 = std::string(1, '\x01') + sealed.substr(1 + kKeyTagBytes);
  EXPECT_FALSE(cipher.IsSealedWithCurrentKey(version1));
  auto opened = cipher.Open(version1, place);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "Kerkstraat");

  auto rotating = keys->WithNewDataKey();
  ASSERT_TRUE(rotating.ok());
  FieldCipher rotating_cipher(*rotating);
  auto during = rotating_cipher.Open(version1, place);
  ASSERT_TRUE(during.ok());
  EXPECT_EQ(*during, "Kerkstraat");
}

TEST(KeyRotation, KeyCheckAcceptsEitherDataKeyDuringRotation) {
  auto keys = KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  auto rotating = keys->WithNewDataKey();
  ASSERT_TRUE(rotating.ok());
  EXPECT_TRUE(KeyCheckMatches(*rotating, KeyCheckValue(*keys)));
  EXPECT_TRUE(KeyCheckMatches(*rotating, KeyCheckValue(*rotating)));
  auto done = rotating->WithoutPreviousDataKey();
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(KeyCheckMatches(*done, KeyCheckValue(*keys)));
}

TEST(KeyShredding, ReplacedFileHasNoPersonalDataKeysAndMode0600) {
  TempDir dir;
  auto keys = KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  ASSERT_TRUE(WriteKeyFile(dir / "k", *keys).ok());
  auto signing = keys->WithSigningKey();
  ASSERT_TRUE(signing.ok());
  auto shredded = signing->WithoutPersonalDataKeys();
  ASSERT_TRUE(shredded.ok());
  ASSERT_TRUE(ReplaceKeyFile(dir / "k", *shredded, /*overwrite_old=*/true).ok());

  auto loaded = LoadKeyFile(dir / "k");
  ASSERT_TRUE(loaded.ok()) << loaded.error().Render(Language::kEnglish);
  EXPECT_FALSE(loaded->has_data_key());
  EXPECT_FALSE(loaded->has_blind_index_key());
  EXPECT_TRUE(loaded->has_signing_key());
  EXPECT_EQ(loaded->SigningPublicKeyHex(), signing->SigningPublicKeyHex());
  EXPECT_EQ(Key(loaded->log_key()), Key(keys->log_key()));
  EXPECT_EQ(Key(loaded->data_key()), std::string(kKeyBytes, '\0'));
  EXPECT_FALSE(std::filesystem::exists(dir / "k.old"));
  EXPECT_FALSE(std::filesystem::exists(dir / "k.new"));
  struct stat info {};
  ASSERT_EQ(::stat((dir / "k").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600u);
}

TEST(KeyShredding, DamagedVersion2FileIsRejected) {
  TempDir dir;
  auto keys = KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  auto signing = keys->WithSigningKey();
  ASSERT_TRUE(signing.ok());
  ASSERT_TRUE(WriteKeyFile(dir / "k", *signing).ok());
  std::filesystem::resize_file(dir / "k", std::filesystem::file_size(dir / "k") - 1);
  auto loaded = LoadKeyFile(dir / "k");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message_key, "crypto.key_file.wrong_size");
}

}  // namespace
}  // namespace adempauze::crypto
