// The JSON spelling of the enumerators of the definition format, shared by the
// parser, the reference checks and the normalizer so the three cannot disagree.
#pragma once

#include "core/definition.hpp"

#include <string_view>

namespace segments
{

std::string_view json_name(Match match);
std::string_view json_name(Comparator::Op op);
std::string_view json_name(StatusFilter status);
std::string_view json_name(RedemptionKind kind);
std::string_view json_name(FieldOperator op);
std::string_view json_name(FieldType type);
std::string_view json_name(Location::By by); // the key of the filter: "country", "within"

// Every custom field operator, in the order messages list them.
inline constexpr FieldOperator all_field_operators[] = {
    FieldOperator::equals,       FieldOperator::not_equals,   FieldOperator::contains,
    FieldOperator::not_contains, FieldOperator::starts_with,  FieldOperator::ends_with,
    FieldOperator::in,           FieldOperator::not_in,       FieldOperator::is_set,
    FieldOperator::is_not_set,   FieldOperator::greater_than, FieldOperator::less_than,
    FieldOperator::at_least,     FieldOperator::at_most,      FieldOperator::between,
};

// The "type" of a condition ("item_purchase"); empty for a group.
std::string_view condition_type_name(const NodeBody &body);

} // namespace segments
