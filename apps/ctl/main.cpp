// actorbusctl: inspect and operate a running actorbus node through its admin
// endpoint (see docs/admin-api.md). The logic lives in runtime/admin/ctl_*.
#include <iostream>
#include <string>
#include <vector>

#include "runtime/admin/ctl_command.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return actorbus::admin::run_ctl(args, std::cout, std::cerr);
}
