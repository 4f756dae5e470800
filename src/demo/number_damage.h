// Damaged forms of an 11-digit national number, as spreadsheets and careless exports make them.
// Each function takes the undamaged 11 digits. REQUIRES: `digits` is 11 ASCII digits.
#pragma once

#include <string>
#include <string_view>

namespace adempauze::demo {

// "05073003328" -> "5073003328": what a cell stored as a number keeps (births 2000-2009
// lose one or more leading zeros).
std::string WithoutLeadingZeros(std::string_view digits);

// "85073003328" -> "8,5073E+10": Excel's General format in a narrow column, rounded to five
// significant digits, so the number cannot be recovered. `decimal_mark` is ',' or '.'.
std::string ScientificRounded(std::string_view digits, char decimal_mark);

// "85073003328" -> "8.5073003328E+10": every digit kept, trailing zeros of the mantissa
// dropped as Excel does, so a reader can recover the number.
std::string ScientificExact(std::string_view digits, char decimal_mark);

// "05073003328" -> "5073003328.0": a value that went through a floating-point column.
std::string WithTrailingDecimal(std::string_view digits, char decimal_mark);

// "85073003328" -> "85.07.30-033.28".
std::string WithSeparators(std::string_view digits);

// Returns the number with check digits that fail for both centuries: a typing error.
std::string WithWrongCheckDigits(std::string_view digits);

}  // namespace adempauze::demo
