#include <iostream>
#include <string>
#include <vector>

#include "adempauze/cli/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return adempauze::cli::RunCli(args, std::cout, std::cerr);
}
