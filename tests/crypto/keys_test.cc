#include "adempauze/crypto/keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "crypto/temp_dir.h"

namespace adempauze::crypto {
namespace {

using testing_support::TempDir;

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteBytes(const std::filesystem::path& path, const std::string& bytes, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, mode);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  ::close(fd);
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

std::filesystem::path MakeKeyFile(const TempDir& dir) {
  auto keys = KeySet::Generate();
  EXPECT_TRUE(keys.ok());
  std::filesystem::path path = dir / "test.keys";
  EXPECT_TRUE(WriteKeyFile(path, *keys).ok());
  return path;
}

TEST(KeyFile, CreatedWithMode0600) {
  TempDir dir;
  ::umask(0);  // a permissive umask must not widen the file's mode
  std::filesystem::path path = MakeKeyFile(dir);
  ::umask(022);
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600u);
  EXPECT_EQ(info.st_size, 156);
}

TEST(KeyFile, RoundTripKeepsKeys) {
  TempDir dir;
  auto keys = KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  ASSERT_TRUE(WriteKeyFile(dir / "k", *keys).ok());
  auto loaded = LoadKeyFile(dir / "k");
  ASSERT_TRUE(loaded.ok()) << loaded.error().Render(Language::kEnglish);
  EXPECT_EQ(loaded->KeyIdHex(), keys->KeyIdHex());
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(loaded->data_key()), kKeyBytes * 3),
            std::string(reinterpret_cast<const char*>(keys->data_key()), kKeyBytes * 3));
}

TEST(KeyFile, GeneratedKeysDiffer) {
  auto first = KeySet::Generate();
  auto second = KeySet::Generate();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_NE(first->KeyIdHex(), second->KeyIdHex());
  EXPECT_NE(std::string(reinterpret_cast<const char*>(first->data_key()), kKeyBytes),
            std::string(reinterpret_cast<const char*>(second->data_key()), kKeyBytes));
}

TEST(KeyFile, NeverOverwritesExistingFile) {
  TempDir dir;
  std::filesystem::path path = MakeKeyFile(dir);
  std::string before = ReadBytes(path);
  auto other = KeySet::Generate();
  ASSERT_TRUE(other.ok());
  Status status = WriteKeyFile(path, *other);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(ReadBytes(path), before);
}

TEST(KeyFile, RejectsFileReadableByOthers) {
  TempDir dir;
  std::filesystem::path path = MakeKeyFile(dir);
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto loaded = LoadKeyFile(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(loaded.error().message_key, "crypto.key_file.permissions");
  std::string text = loaded.error().Render(Language::kDutch);
  EXPECT_NE(text.find("chmod 600"), std::string::npos) << text;
  EXPECT_NE(text.find("0644"), std::string::npos) << text;
}

TEST(KeyFile, RejectsFileWritableByGroup) {
  TempDir dir;
  std::filesystem::path path = MakeKeyFile(dir);
  ASSERT_EQ(::chmod(path.c_str(), 0620), 0);
  auto loaded = LoadKeyFile(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kPermissionDenied);
}

TEST(KeyFile, MissingFileIsNotFound) {
  TempDir dir;
  auto loaded = LoadKeyFile(dir / "absent.keys");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kNotFound);
}

TEST(KeyFile, DirectoryIsRejected) {
  TempDir dir;
  std::filesystem::create_directory(dir / "folder");
  ::chmod((dir / "folder").c_str(), 0700);
  auto loaded = LoadKeyFile(dir / "folder");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kPermissionDenied);
}

struct DamageCase {
  const char* name;
  int offset;          // byte to change, or -1 to truncate by one byte, -2 to append one
  const char* expected_key;
};

class KeyFileDamage : public ::testing::TestWithParam<DamageCase> {};

TEST_P(KeyFileDamage, IsRejectedWithClearError) {
  TempDir dir;
  std::filesystem::path path = MakeKeyFile(dir);
  std::string bytes = ReadBytes(path);
  const DamageCase& damage = GetParam();
  if (damage.offset == -1) {
    bytes.pop_back();
  } else if (damage.offset == -2) {
    bytes.push_back('x');
  } else {
    bytes[damage.offset] = static_cast<char>(bytes[damage.offset] ^ 0x01);
  }
  std::filesystem::remove(path);
  WriteBytes(path, bytes, 0600);
  auto loaded = LoadKeyFile(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kCrypto);
  EXPECT_EQ(loaded.error().message_key, damage.expected_key);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, KeyFileDamage,
    ::testing::Values(DamageCase{"Truncated", -1, "crypto.key_file.wrong_size"},
                      DamageCase{"Extended", -2, "crypto.key_file.wrong_size"},
                      DamageCase{"Magic", 0, "crypto.key_file.not_a_key_file"},
                      DamageCase{"Version", 8, "crypto.key_file.unsupported_version"},
                      DamageCase{"KeyId", 12, "crypto.key_file.checksum"},
                      DamageCase{"DataKey", 40, "crypto.key_file.checksum"},
                      DamageCase{"LogKey", 100, "crypto.key_file.checksum"},
                      DamageCase{"Checksum", 150, "crypto.key_file.checksum"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(KeyFile, ErrorMessagesExistInBothLanguages) {
  for (const char* key : {"crypto.key_file.permissions", "crypto.key_file.wrong_size",
                          "crypto.key_file.checksum", "crypto.key_file.not_found",
                          "crypto.key_file.exists", "crypto.decrypt_failed"}) {
    EXPECT_TRUE(HasMessage(key)) << key;
  }
}

}  // namespace
}  // namespace adempauze::crypto
