/* mkseeds_xlsx.c — writes the binary .xlsx seeds of the fuzz_xlsx corpus
 * with libxlsxwriter: small.xlsx (shared strings incl. Chinese, numbers, a
 * date, a boolean, a formula, a rich string, gaps, an empty row) and
 * inline.xlsx (the same kind of sheet in constant_memory mode, which writes
 * inline strings). Not part of any build; run by hand when the seeds need
 * refreshing:
 *   cc -o /tmp/mkseeds tests/fuzz/tools/mkseeds_xlsx.c -lxlsxwriter
 *   /tmp/mkseeds tests/fuzz/corpus/fuzz_xlsx */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

static int write_book(const char *path, int constant_memory)
{
	lxw_workbook_options opt = {.constant_memory = (uint8_t)constant_memory};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb)
		return -1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "导入");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	worksheet_write_string(ws, 0, 0, "统一社会信用代码", NULL);
	worksheet_write_string(ws, 0, 1, "名称", NULL);
	worksheet_write_string(ws, 0, 2, "数量", NULL);
	worksheet_write_string(ws, 0, 3, "日期", NULL);
	worksheet_write_string(ws, 1, 0, "91150200MA0N000000", NULL);
	worksheet_write_string(ws, 1, 1, "包头市某食品厂", NULL);
	worksheet_write_number(ws, 1, 2, 12.5, NULL);
	lxw_datetime d = {2024, 1, 15, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 3, &d, date);
	worksheet_write_boolean(ws, 3, 0, 1, NULL);
	worksheet_write_formula_num(ws, 3, 2, "=1+2", NULL, 3);
	if (!constant_memory) {
		lxw_rich_string_tuple a = {.format = NULL, .string = "普通"};
		lxw_rich_string_tuple b = {.format = bold, .string = "加粗"};
		lxw_rich_string_tuple *rich[] = {&a, &b, NULL};
		worksheet_write_rich_string(ws, 4, 1, rich, NULL);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mkseeds DIR\n");
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/small.xlsx", argv[1]);
	if (write_book(path, 0))
		return 1;
	snprintf(path, sizeof path, "%s/inline.xlsx", argv[1]);
	if (write_book(path, 1))
		return 1;
	return 0;
}
