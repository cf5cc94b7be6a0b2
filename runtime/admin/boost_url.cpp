// Compiles Boost.URL into actorbus_runtime: Debian 12 ships its headers but
// no libboost_url, and this is the library's documented header-only mode.
#include <boost/url/src.hpp>
