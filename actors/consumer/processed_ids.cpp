#include "actors/consumer/processed_ids.hpp"
