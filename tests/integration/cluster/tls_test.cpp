// Node-to-node TLS with mutual certificate verification: certificates made
// at test time with the openssl command line (a cluster CA with one
// certificate per node, and another CA with one rogue certificate). With a
// [tls] section the three-node shop passes; a node whose certificate comes
// from the other CA never gets in and says so. Without [tls] a node warns
// when it listens on a non-loopback address.
#include <gtest/gtest.h>

#include "tests/integration/cluster/cluster_fixture.hpp"

using namespace actorbus::test;
using namespace std::chrono_literals;

namespace {

/// Runs the openssl command line in `dir`; fails the test on a non-zero
/// exit.
void openssl(const temp_dir& dir, std::vector<std::string> args) {
  child_process p{"/usr/bin/openssl", std::move(args), dir.path()};
  auto rc = p.wait_exit(60s);
  ASSERT_TRUE(rc.has_value()) << p.output();
  ASSERT_EQ(*rc, 0) << p.output();
}

/// A self-signed CA: <name>.key, <name>.pem.
void make_ca(const temp_dir& dir, const std::string& name) {
  openssl(dir, {"req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                name + ".key", "-out", name + ".pem", "-days", "1", "-subj",
                "/CN=" + name});
}

/// A certificate for `name` signed by `ca`: <name>.key, <name>.pem.
void make_cert(const temp_dir& dir, const std::string& name,
               const std::string& ca) {
  openssl(dir, {"req", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name});
  openssl(dir, {"x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem",
                "-CAkey", ca + ".key", "-CAcreateserial", "-out", name + ".pem",
                "-days", "1"});
}

/// The [tls] section of node `name`, trusting `ca`.
std::string tls_section(const temp_dir& dir, const std::string& name,
                        const std::string& ca = "cluster-ca") {
  return "[tls]\ncertificate=\"" + (dir / name) + ".pem\"\nkey=\""
         + (dir / name) + ".key\"\nca-file=\"" + (dir / ca) + ".pem\"\n";
}

struct tls_cluster : cluster {
  tls_cluster() {
    make_ca(dir, "cluster-ca");
    make_ca(dir, "other-ca");
    for (auto name : {"broker", "orders", "fulfilment", "load"})
      make_cert(dir, name, "cluster-ca");
    make_cert(dir, "rogue", "other-ca");
    sections = [this](const std::string& name) {
      return tls_section(dir, name);
    };
  }
};

} // namespace

TEST(ClusterTls, ThreeNodesWithMutualTlsRunTheShop) {
  tls_cluster c;
  c.start_all();
  EXPECT_EQ(c.load(200, {"--tls.certificate=" + (c.dir / "load.pem"),
                         "--tls.key=" + (c.dir / "load.key"),
                         "--tls.ca-file=" + (c.dir / "cluster-ca.pem")}),
            0)
    << c.last_load_output;
}

TEST(ClusterTls, NodeWithCertificateOfAnotherCaIsRefused) {
  tls_cluster c;
  c.start_broker();
  // The rogue trusts the cluster CA, but the broker does not trust its
  // certificate.
  auto rogue = c.start_service("rogue", "\"payment\"", false);
  ASSERT_TRUE(rogue->wait_for_line(
    std::regex{"broker-link: .* broker=" + c.broker_addr + " .*attempt=5 "},
    30s))
    << rogue->output();
  // CAF reports the broken handshake as disconnect_during_handshake (some
  // attempts end in connection_timeout instead).
  EXPECT_TRUE(std::regex_search(
    rogue->output(),
    std::regex{"broker-link: refused by the broker node: TLS handshake "
               "failed .* broker="
               + c.broker_addr + " "}))
    << rogue->output();
  EXPECT_EQ(rogue->output().find("ready node="), std::string::npos)
    << rogue->output();
  EXPECT_FALSE(rogue->exited());
  // A node with a proper certificate gets in meanwhile.
  c.orders = c.start_service("orders", orders_roles);
  ASSERT_TRUE(c.broker->wait_for_line(
    std::regex{"gateway: node joined node=orders"}, 30s))
    << c.broker->output();
  EXPECT_EQ(c.broker->output().find("node=rogue"), std::string::npos)
    << c.broker->output();
}

TEST(ClusterTls, PlainNodeWarnsWhenListeningOnNonLoopback) {
  cluster c;
  c.broker = c.start("broker",
                     node_ini("broker", "\"broker\"",
                              "data-dir=\"" + (c.dir / "data") + "\"\n"),
                     {"--cluster.port=0", "--cluster.listen-address=0.0.0.0"});
  ASSERT_TRUE(c.broker->wait_for_line(
    std::regex{"listening on a non-loopback address without TLS "
               "address=0\\.0\\.0\\.0"},
    30s))
    << c.broker->output();
  c.wait_ready(*c.broker);
}
