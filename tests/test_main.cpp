// The Catch2 main(); the test cases live in the test_*.cpp files next to it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
