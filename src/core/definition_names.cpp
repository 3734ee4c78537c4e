// The JSON spelling of each enumerator of the definition format.
#include "core/definition_names.hpp"

#include <type_traits>

namespace segments
{

std::string_view json_name(Match match)
{
	return match == Match::all ? "all" : "any";
}

std::string_view json_name(Comparator::Op op)
{
	switch (op)
	{
	case Comparator::Op::exactly:
		return "exactly";
	case Comparator::Op::greater_than:
		return "greater_than";
	case Comparator::Op::less_than:
		return "less_than";
	case Comparator::Op::at_least:
		return "at_least";
	case Comparator::Op::at_most:
		return "at_most";
	case Comparator::Op::between:
		return "between";
	}
	return {};
}

std::string_view json_name(StatusFilter status)
{
	return status == StatusFilter::active ? "active" : "any";
}

std::string_view json_name(RedemptionKind kind)
{
	switch (kind)
	{
	case RedemptionKind::any:
		return "any";
	case RedemptionKind::check_in:
		return "check_in";
	case RedemptionKind::voucher:
		return "voucher";
	}
	return {};
}

std::string_view json_name(FieldOperator op)
{
	switch (op)
	{
	case FieldOperator::equals:
		return "equals";
	case FieldOperator::not_equals:
		return "not_equals";
	case FieldOperator::contains:
		return "contains";
	case FieldOperator::not_contains:
		return "not_contains";
	case FieldOperator::starts_with:
		return "starts_with";
	case FieldOperator::ends_with:
		return "ends_with";
	case FieldOperator::in:
		return "in";
	case FieldOperator::not_in:
		return "not_in";
	case FieldOperator::is_set:
		return "is_set";
	case FieldOperator::is_not_set:
		return "is_not_set";
	case FieldOperator::greater_than:
		return "greater_than";
	case FieldOperator::less_than:
		return "less_than";
	case FieldOperator::at_least:
		return "at_least";
	case FieldOperator::at_most:
		return "at_most";
	case FieldOperator::between:
		return "between";
	}
	return {};
}

std::string_view json_name(FieldType type)
{
	switch (type)
	{
	case FieldType::text:
		return "text";
	case FieldType::number:
		return "number";
	case FieldType::date:
		return "date";
	case FieldType::boolean:
		return "boolean";
	}
	return {};
}

std::string_view json_name(Location::By by)
{
	switch (by)
	{
	case Location::By::country:
		return "country";
	case Location::By::region:
		return "region";
	case Location::By::city:
		return "city";
	case Location::By::postal_code:
		return "postal_code";
	case Location::By::within:
		return "within";
	}
	return {};
}

std::string_view condition_type_name(const NodeBody &body)
{
	return std::visit(
	    [](const auto &condition) -> std::string_view {
		    using T = std::decay_t<decltype(condition)>;
		    if constexpr (std::is_same_v<T, ItemPurchase>)
			    return "item_purchase";
		    else if constexpr (std::is_same_v<T, PassRedemptions>)
			    return "pass_redemptions";
		    else if constexpr (std::is_same_v<T, PassPoints>)
			    return "pass_points";
		    else if constexpr (std::is_same_v<T, PassExpiration>)
			    return "pass_expiration";
		    else if constexpr (std::is_same_v<T, CustomField>)
			    return "custom_field";
		    else if constexpr (std::is_same_v<T, PromotionUsed>)
			    return "promotion_used";
		    else if constexpr (std::is_same_v<T, Location>)
			    return "location";
		    else if constexpr (std::is_same_v<T, InSegment>)
			    return "in_segment";
		    else
			    return {};
	    },
	    body);
}

} // namespace segments
