// The pages every signed-in user shares: the start page and the layout around every page.
#include <string>

#include <gtest/gtest.h>

#include "adempauze/crypto/keys.h"
#include "adempauze/store/protocol_state.h"
#include "adempauze/store/store.h"
#include "web_test_support.h"

namespace adempauze::web {
namespace {

using testing::Browser;
using testing::WebServerFixture;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

httplib::Result Get(const Browser& browser, const std::string& path) {
  return WebServerFixture::Get().Client().Get(path, browser.headers());
}

// Returns the title of the protocol in force in the fixture's database, or empty.
std::string ProtocolTitle() {
  const std::filesystem::path db = WebServerFixture::Get().db_path();
  auto keys = crypto::LoadKeyFile(db.string() + ".keys");
  if (!keys.ok()) return {};
  auto store = store::Store::Open(db, std::move(keys).value());
  if (!store.ok()) return {};
  auto state = store::ReadExchangeState(**store);
  if (!state.ok() || !state->installed) return {};
  return state->installed->protocol.definition().title;
}

TEST(HomePage, LinksProtocolForEveryRole) {
  const std::string title = ProtocolTitle();
  ASSERT_FALSE(title.empty());
  for (const testing::DemoUser& user : testing::kDemoUsers) {
    Browser browser = WebServerFixture::Get().Login(user.username);
    auto home = Get(browser, "/");
    ASSERT_TRUE(home) << user.username;
    ASSERT_EQ(home->status, 200) << user.username;
    EXPECT_TRUE(Contains(home->body, "<a href=\"/protocol/document\">Lees de volledige protocoltekst</a>"))
        << user.username;
    EXPECT_TRUE(Contains(home->body, "<a href=\"/protocol/document/pdf\">")) << user.username;
    EXPECT_TRUE(Contains(home->body, title)) << user.username << " does not see the protocol's title";

    auto document = Get(browser, "/protocol/document");
    ASSERT_TRUE(document) << user.username;
    EXPECT_EQ(document->status, 200) << user.username << " cannot open the linked text";
  }
}

TEST(Layout, FooterLinksProtocolWhenSignedIn) {
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto page = Get(worker, "/account/password");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  const std::size_t footer = page->body.find("<footer");
  ASSERT_NE(footer, std::string::npos);
  EXPECT_TRUE(Contains(page->body.substr(footer), "href=\"/protocol/document\"")) << page->body.substr(footer);

  auto login = WebServerFixture::Get().Client().Get("/login");
  ASSERT_TRUE(login);
  EXPECT_FALSE(Contains(login->body, "/protocol/document")) << "the document needs a signed-in user";
}

}  // namespace
}  // namespace adempauze::web
