/* food_data.c — the reference data the food area ships (seeded by
 * food_seed, read directly by `zhijian limit` without a database):
 *   - the food classification tree (category → sub-category → ... → food,
 *     with aliases), covering every food named in DOMAIN.md §2, shaped after
 *     GB 2762 Appendix A and the sampling rules' 大类/亚类/次亚类/细类;
 *   - analytes (test items) with aliases as lab reports spell them;
 *   - every limit line of DOMAIN.md §2.1–§2.6 with its standard, edition,
 *     in-force period, clause, basis, judgement method and exclusions;
 *   - test-item templates per category;
 *   - the sampling deadlines of DOMAIN.md §11.3 (editable: [U] ones marked).
 * Codes are this system's own stable keys (GB 2762 Appendix A numbering is
 * not reproduced). Each limit carries its DOMAIN.md row (F3, M1, P7 ...) and
 * status tag; where this table had to interpret a line, the note says so and
 * docs/food.md lists it. */
#include "modules/food/food.h"
#include <stdio.h>

/* Kept as laid out: data tables, one row per line. */
/* clang-format off */
/* ---- the classification tree ---- */

const food_cat_seed food_cat_seeds[] = {
	{"food", NULL, "root", "食品", "Food", NULL},
	/* 谷物及其制品 */
	{"cereals", "food", "major", "谷物及其制品", "Cereals and cereal products", "粮食加工品"},
	{"grains", "cereals", "sub", "谷物", "Cereal grains", NULL},
	{"paddy_rice", "grains", "food", "稻谷", "Paddy rice", "水稻"},
	{"wheat", "grains", "food", "小麦", "Wheat", NULL},
	{"maize", "grains", "food", "玉米", "Maize", "玉米粒,玉米(粒)"},
	{"barley", "grains", "food", "大麦", "Barley", NULL},
	{"other_grains", "grains", "minor", "其他谷物", "Other cereal grains", NULL},
	{"oats", "other_grains", "food", "燕麦", "Oats", "莜麦"},
	{"milled", "cereals", "sub", "谷物碾磨加工品", "Milled cereal products", NULL},
	{"brown_rice", "milled", "food", "糙米", "Brown rice", NULL},
	{"rice", "milled", "food", "大米", "Rice", "精米"},
	{"rice_flour", "milled", "food", "大米粉", "Rice flour", "米粉(大米粉)"},
	{"wheat_flour", "milled", "food", "小麦粉", "Wheat flour", "面粉,通用小麦粉"},
	{"maize_flour", "milled", "food", "玉米粉", "Maize flour", "玉米面"},
	{"maize_grits", "milled", "food", "玉米糁", "Maize grits", "玉米渣,玉米糁(渣)"},
	{"maize_flakes", "milled", "food", "玉米片", "Maize flakes", NULL},
	{"oatmeal", "milled", "food", "麦片", "Cereal flakes", "燕麦片"},
	{"cereal_products", "cereals", "sub", "谷物制品", "Cereal products", NULL},
	{"gluten", "cereal_products", "food", "面筋", "Wheat gluten", "烤麸"},
	{"filled_staples", "cereal_products", "minor", "带馅(料)面米制品", "Filled flour and rice products", "带馅面米制品"},
	{"dumplings", "filled_staples", "food", "饺子", "Dumplings", "水饺,速冻饺子"},
	{"baozi", "filled_staples", "food", "包子", "Steamed stuffed buns", NULL},
	{"congee_cans", "cereal_products", "food", "粥类罐头", "Canned congee", "八宝粥"},
	{"fresh_noodles", "cereal_products", "food", "鲜面条", "Fresh noodles", "生湿面条,湿面"},
	{"maize_products", "cereal_products", "minor", "玉米制品", "Maize products", NULL},
	/* 蔬菜及其制品 */
	{"vegetables", "food", "major", "蔬菜及其制品", "Vegetables and vegetable products", NULL},
	{"fresh_veg", "vegetables", "sub", "新鲜蔬菜", "Fresh vegetables", "蔬菜"},
	{"brassica", "fresh_veg", "minor", "芸薹类蔬菜", "Brassica vegetables", NULL},
	{"cabbage", "brassica", "food", "结球甘蓝", "Head cabbage", "甘蓝,包菜,卷心菜,圆白菜"},
	{"cauliflower", "brassica", "food", "花椰菜", "Cauliflower", "菜花"},
	{"broccoli", "brassica", "food", "青花菜", "Broccoli", "西兰花"},
	{"leafy_veg", "fresh_veg", "minor", "叶菜蔬菜", "Leafy vegetables", "叶菜类蔬菜"},
	{"pak_choi", "leafy_veg", "food", "普通白菜", "Pak choi", "小白菜,小油菜,青菜,油菜"},
	{"spinach", "leafy_veg", "food", "菠菜", "Spinach", NULL},
	{"chinese_cabbage", "leafy_veg", "food", "大白菜", "Chinese cabbage", "结球白菜"},
	{"legume_veg", "fresh_veg", "minor", "豆类蔬菜", "Legume vegetables", NULL},
	{"cowpea", "legume_veg", "food", "豇豆", "Cowpea", "长豆角"},
	{"kidney_bean", "legume_veg", "food", "菜豆", "Kidney bean (pods)", "四季豆,芸豆"},
	{"root_tuber_veg", "fresh_veg", "minor", "块根和块茎蔬菜", "Root and tuber vegetables", "根茎类蔬菜"},
	{"carrot", "root_tuber_veg", "food", "胡萝卜", "Carrot", NULL},
	{"ginger", "root_tuber_veg", "food", "姜", "Ginger", "生姜,鲜姜"},
	{"tubers", "root_tuber_veg", "fine", "薯类", "Potatoes and other tubers", NULL},
	{"potato", "tubers", "food", "马铃薯", "Potato", "土豆"},
	{"sweet_potato", "tubers", "food", "甘薯", "Sweet potato", "红薯,地瓜,番薯"},
	{"yam", "tubers", "food", "山药", "Chinese yam", "淮山"},
	{"taro", "tubers", "food", "芋头", "Taro", "芋,芋艿"},
	{"solanaceous_veg", "fresh_veg", "minor", "茄果类蔬菜", "Solanaceous vegetables", NULL},
	{"tomato", "solanaceous_veg", "food", "番茄", "Tomato", "西红柿"},
	{"chili", "solanaceous_veg", "food", "辣椒", "Chili pepper", "尖椒,青椒"},
	{"eggplant", "solanaceous_veg", "food", "茄子", "Eggplant", NULL},
	{"stem_veg", "fresh_veg", "minor", "茎类蔬菜", "Stem vegetables", NULL},
	{"celery", "stem_veg", "food", "芹菜", "Celery", "西芹,香芹"},
	{"bulb_veg", "fresh_veg", "minor", "鳞茎类蔬菜", "Bulb vegetables", NULL},
	{"chinese_chive", "bulb_veg", "food", "韭菜", "Chinese chive", NULL},
	{"welsh_onion", "bulb_veg", "food", "葱", "Welsh onion", "大葱,小葱"},
	{"aquatic_veg", "fresh_veg", "minor", "水生类蔬菜", "Aquatic vegetables", NULL},
	{"water_chestnut", "aquatic_veg", "food", "荸荠", "Water chestnut", "马蹄"},
	{"daylily", "fresh_veg", "food", "黄花菜", "Daylily (fresh)", "金针菜"},
	{"veg_products", "vegetables", "sub", "蔬菜制品", "Vegetable products", NULL},
	{"pickled_veg", "veg_products", "minor", "酱腌菜", "Pickled vegetables", "腌渍的蔬菜,腌制蔬菜,腌菜"},
	{"zhacai", "pickled_veg", "food", "榨菜", "Zhacai (pickled mustard stem)", NULL},
	{"suancai", "pickled_veg", "food", "酸菜", "Suancai (pickled cabbage)", NULL},
	{"dried_veg", "veg_products", "minor", "干制蔬菜", "Dried vegetables", "脱水蔬菜"},
	{"meigancai", "dried_veg", "food", "梅干菜", "Meigancai (dried mustard greens)", "霉干菜"},
	/* 水果及其制品 */
	{"fruits", "food", "major", "水果及其制品", "Fruits and fruit products", NULL},
	{"fresh_fruit", "fruits", "sub", "新鲜水果", "Fresh fruit", "水果"},
	{"apple", "fresh_fruit", "food", "苹果", "Apple", NULL},
	{"citrus", "fresh_fruit", "food", "柑橘", "Citrus", "橘子,桔子,柑,橙"},
	{"banana", "fresh_fruit", "food", "香蕉", "Banana", NULL},
	{"hawthorn", "fresh_fruit", "food", "山楂", "Hawthorn fruit", NULL},
	{"cranberry", "fresh_fruit", "food", "蔓越莓", "Cranberry", NULL},
	{"gooseberry", "fresh_fruit", "food", "醋栗", "Gooseberry", NULL},
	{"treated_fruit", "fresh_fruit", "minor", "经表面处理的鲜水果", "Surface-treated fresh fruit", NULL},
	{"longan", "treated_fruit", "food", "龙眼", "Longan", "桂圆"},
	{"fruit_products", "fruits", "sub", "水果制品", "Fruit products", NULL},
	{"candied_fruit", "fruit_products", "minor", "蜜饯凉果", "Candied and preserved fruit", "蜜饯"},
	{"preserved_plum", "candied_fruit", "food", "话梅", "Preserved plum", NULL},
	{"jam", "fruit_products", "food", "果酱", "Jam", NULL},
	{"dried_fruit", "fruit_products", "minor", "水果干类", "Dried fruit", "果干"},
	{"raisin", "dried_fruit", "food", "葡萄干", "Raisins", NULL},
	{"apple_products", "fruit_products", "minor", "苹果制品", "Apple products", NULL},
	{"hawthorn_products", "fruit_products", "minor", "山楂制品", "Hawthorn products", NULL},
	{"haw_flakes", "hawthorn_products", "food", "山楂片", "Haw flakes", NULL},
	{"fruit_leather", "hawthorn_products", "food", "果丹皮", "Hawthorn fruit leather", NULL},
	/* 肉及肉制品 */
	{"meat", "food", "major", "肉及肉制品", "Meat and meat products", NULL},
	{"meat_fresh", "meat", "sub", "肉类", "Meat (fresh and frozen)", "畜禽肉,鲜冻畜禽产品"},
	{"pork", "meat_fresh", "food", "猪肉", "Pork", NULL},
	{"beef", "meat_fresh", "food", "牛肉", "Beef", NULL},
	{"mutton", "meat_fresh", "food", "羊肉", "Mutton", NULL},
	{"chicken", "meat_fresh", "food", "鸡肉", "Chicken", NULL},
	{"offal", "meat_fresh", "minor", "畜禽内脏", "Edible offal", "禽副产品,畜禽副产品"},
	{"liver", "offal", "fine", "畜禽肝脏", "Liver", NULL},
	{"pig_liver", "liver", "food", "猪肝", "Pig liver", NULL},
	{"kidney", "offal", "fine", "畜禽肾脏", "Kidney", NULL},
	{"pig_kidney", "kidney", "food", "猪肾", "Pig kidney", "猪腰"},
	{"tripe", "offal", "food", "牛毛肚", "Beef tripe", "毛肚,牛百叶"},
	{"meat_products", "meat", "sub", "肉制品", "Meat products", NULL},
	{"smoked_meat", "meat_products", "minor", "熏、烧、烤肉类", "Smoked, roasted and barbecued meat", "熏烧烤肉制品"},
	{"roast_duck", "smoked_meat", "food", "烤鸭", "Roast duck", NULL},
	{"canned_meat", "meat_products", "minor", "肉类罐头", "Canned meat", NULL},
	{"luncheon_meat", "canned_meat", "food", "午餐肉", "Luncheon meat", NULL},
	{"dried_meat", "meat_products", "minor", "肉类干制品", "Dried meat products", NULL},
	{"beef_jerky", "dried_meat", "food", "牛肉干", "Beef jerky", NULL},
	{"sausage", "meat_products", "food", "香肠", "Sausage", "火腿肠,腊肠"},
	{"braised_meat", "meat_products", "food", "酱卤肉", "Braised meat", "酱牛肉,卤肉"},
	/* 水产动物及其制品 */
	{"aquatic", "food", "major", "水产动物及其制品", "Aquatic animals and products", "水产品"},
	{"aquatic_fresh", "aquatic", "sub", "鲜、冻水产动物", "Fresh and frozen aquatic animals", "水产动物"},
	{"fish", "aquatic_fresh", "minor", "鱼类", "Fish", "鱼"},
	{"grass_carp", "fish", "food", "草鱼", "Grass carp", NULL},
	{"carp", "fish", "food", "鲤鱼", "Common carp", NULL},
	{"hairtail", "fish", "food", "带鱼", "Hairtail", NULL},
	{"predatory_fish", "fish", "fine", "肉食性鱼类", "Predatory fish", NULL},
	{"tuna", "predatory_fish", "food", "金枪鱼", "Tuna", NULL},
	{"alfonsino", "predatory_fish", "food", "金目鲷", "Alfonsino", NULL},
	{"marlin", "predatory_fish", "food", "枪鱼", "Marlin", NULL},
	{"shark", "predatory_fish", "food", "鲨鱼", "Shark", NULL},
	{"mandarin_fish", "predatory_fish", "food", "鳜鱼", "Mandarin fish", NULL},
	{"crustaceans", "aquatic_fresh", "minor", "甲壳类", "Crustaceans", NULL},
	{"marine_shrimp", "crustaceans", "food", "海水虾", "Marine shrimp", "海虾,对虾"},
	{"sea_crab", "crustaceans", "food", "海蟹", "Sea crab", NULL},
	{"mantis_shrimp", "crustaceans", "food", "虾蛄", "Mantis shrimp", "皮皮虾"},
	{"crayfish", "crustaceans", "food", "小龙虾", "Crayfish", "淡水小龙虾"},
	{"bivalves", "aquatic_fresh", "minor", "双壳贝类", "Bivalves", NULL},
	{"scallop", "bivalves", "food", "扇贝", "Scallop", NULL},
	{"oyster", "bivalves", "food", "牡蛎", "Oyster", "生蚝"},
	{"gastropods", "aquatic_fresh", "minor", "腹足类", "Gastropods", NULL},
	{"whelk", "gastropods", "food", "海螺", "Whelk", NULL},
	{"cephalopods", "aquatic_fresh", "minor", "头足类", "Cephalopods", NULL},
	{"squid", "cephalopods", "food", "鱿鱼", "Squid", NULL},
	{"echinoderms", "aquatic_fresh", "minor", "棘皮类", "Echinoderms", NULL},
	{"sea_cucumber", "echinoderms", "food", "海参", "Sea cucumber", NULL},
	{"other_aquatic", "aquatic_fresh", "minor", "其他水产动物", "Other aquatic animals", NULL},
	{"bullfrog", "other_aquatic", "food", "牛蛙", "Bullfrog", NULL},
	{"aquatic_products", "aquatic", "sub", "水产制品", "Aquatic products", NULL},
	{"smoked_aquatic", "aquatic_products", "minor", "熏、烤水产品", "Smoked and roasted aquatic products", NULL},
	{"canned_aquatic", "aquatic_products", "minor", "水产品罐头", "Canned aquatic products", NULL},
	{"fish_products", "aquatic_products", "minor", "鱼类制品", "Fish products", NULL},
	{"fish_balls", "fish_products", "food", "鱼丸", "Fish balls", NULL},
	{"salted_aquatic", "aquatic_products", "minor", "盐渍水产品", "Salted aquatic products", NULL},
	{"salted_jellyfish", "salted_aquatic", "food", "盐渍海蜇", "Salted jellyfish", NULL},
	/* 乳及乳制品 */
	{"dairy", "food", "major", "乳及乳制品", "Milk and dairy products", "乳制品"},
	{"raw_milk", "dairy", "food", "生乳", "Raw milk", "生牛乳"},
	{"pasteurized_milk", "dairy", "food", "巴氏杀菌乳", "Pasteurized milk", "鲜牛奶"},
	{"sterilized_milk", "dairy", "food", "灭菌乳", "Sterilized milk", "纯牛奶,UHT灭菌乳"},
	{"modified_milk", "dairy", "food", "调制乳", "Modified milk", NULL},
	{"fermented_milk", "dairy", "food", "发酵乳", "Fermented milk", "酸奶,酸牛奶"},
	{"milk_powder", "dairy", "food", "乳粉", "Milk powder", "奶粉"},
	{"cream", "dairy", "food", "稀奶油", "Cream", NULL},
	{"butter", "dairy", "food", "奶油", "Butter", "黄油"},
	{"anhydrous_butter", "dairy", "food", "无水奶油", "Anhydrous milk fat", "无水黄油"},
	/* 蛋及蛋制品 */
	{"eggs", "food", "major", "蛋及蛋制品", "Eggs and egg products", NULL},
	{"fresh_eggs", "eggs", "sub", "鲜蛋", "Fresh eggs", NULL},
	{"hen_egg", "fresh_eggs", "food", "鸡蛋", "Hen egg", "鲜鸡蛋"},
	{"duck_egg", "fresh_eggs", "food", "鸭蛋", "Duck egg", NULL},
	{"egg_products", "eggs", "sub", "蛋制品", "Egg products", NULL},
	{"preserved_egg", "egg_products", "food", "皮蛋", "Preserved egg", "松花蛋"},
	{"salted_egg", "egg_products", "food", "咸鸭蛋", "Salted duck egg", "咸蛋"},
	/* 油脂及其制品 */
	{"oils", "food", "major", "油脂及其制品", "Fats and oils", "食用油、油脂及其制品"},
	{"veg_oils", "oils", "sub", "植物油脂", "Vegetable oils", "食用植物油"},
	{"peanut_oil", "veg_oils", "food", "花生油", "Peanut oil", NULL},
	{"corn_oil", "veg_oils", "food", "玉米油", "Corn oil", "玉米胚芽油"},
	{"soybean_oil", "veg_oils", "food", "大豆油", "Soybean oil", "豆油"},
	{"rapeseed_oil", "veg_oils", "food", "菜籽油", "Rapeseed oil", NULL},
	{"animal_fats", "oils", "sub", "动物油脂", "Animal fats", NULL},
	{"lard", "animal_fats", "food", "猪油", "Lard", NULL},
	/* 豆类及其制品 */
	{"legumes", "food", "major", "豆类及其制品", "Pulses and pulse products", "豆制品"},
	{"pulses", "legumes", "sub", "豆类", "Pulses", NULL},
	{"soybean", "pulses", "food", "大豆", "Soybean", "黄豆"},
	{"mung_bean", "pulses", "food", "绿豆", "Mung bean", NULL},
	{"soy_products", "legumes", "sub", "豆制品", "Soy products", NULL},
	{"tofu", "soy_products", "food", "豆腐", "Tofu", NULL},
	{"fermented_soy", "soy_products", "minor", "发酵豆制品", "Fermented soy products", NULL},
	{"fermented_tofu", "fermented_soy", "food", "腐乳", "Fermented bean curd", "豆腐乳"},
	{"douchi", "fermented_soy", "food", "豆豉", "Fermented black beans", NULL},
	/* 坚果及籽类 */
	{"nuts_seeds", "food", "major", "坚果及籽类", "Nuts and seeds", "炒货食品及坚果制品"},
	{"peanut_products", "nuts_seeds", "sub", "花生及其制品", "Peanuts and peanut products", NULL},
	{"peanut", "peanut_products", "food", "花生", "Peanut", "花生米,花生仁"},
	{"peanut_butter", "peanut_products", "food", "花生酱", "Peanut butter", NULL},
	/* 调味品 */
	{"condiments", "food", "major", "调味品", "Condiments", NULL},
	{"soy_sauce", "condiments", "food", "酱油", "Soy sauce", NULL},
	{"vinegar", "condiments", "food", "食醋", "Vinegar", "醋"},
	{"brewed_paste", "condiments", "food", "酿造酱", "Brewed paste", "黄豆酱,甜面酱,豆瓣酱"},
	{"chili_sauce", "condiments", "food", "辣椒酱", "Chili sauce", NULL},
	{"spices", "condiments", "sub", "香辛料", "Spices", "香辛料类"},
	{"star_anise", "spices", "food", "八角", "Star anise", "大料,八角茴香"},
	{"sichuan_pepper", "spices", "food", "花椒", "Sichuan pepper", NULL},
	{"dried_ginger", "spices", "food", "干姜", "Dried ginger", NULL},
	{"chili_powder", "spices", "food", "辣椒粉", "Chili powder", "辣椒面"},
	/* 饮料、酒 */
	{"beverages", "food", "major", "饮料", "Beverages", NULL},
	{"packaged_water", "beverages", "sub", "包装饮用水", "Packaged drinking water", NULL},
	{"mineral_water", "packaged_water", "food", "饮用天然矿泉水", "Natural mineral water", "矿泉水"},
	{"purified_water", "packaged_water", "food", "饮用纯净水", "Purified drinking water", "纯净水"},
	{"carbonated", "beverages", "food", "碳酸饮料", "Carbonated drinks", "汽水"},
	{"juices", "beverages", "sub", "果蔬汁类及其饮料", "Fruit and vegetable juices", NULL},
	{"apple_juice", "juices", "food", "苹果汁", "Apple juice", NULL},
	{"hawthorn_juice", "juices", "food", "山楂汁", "Hawthorn juice", NULL},
	{"alcohol", "food", "major", "酒类", "Alcoholic beverages", NULL},
	{"wine", "alcohol", "food", "葡萄酒", "Wine", NULL},
	/* 焙烤食品、糖果、冷冻饮品 */
	{"bakery", "food", "major", "焙烤食品", "Bakery products", NULL},
	{"biscuits", "bakery", "food", "饼干", "Biscuits", NULL},
	{"pastries", "bakery", "food", "糕点", "Pastries", "月饼,蛋糕,桃酥,糕"},
	{"bread", "bakery", "food", "面包", "Bread", "吐司"},
	{"confectionery", "food", "major", "糖果制品", "Confectionery", NULL},
	{"hard_candy", "confectionery", "food", "糖果", "Candy", "硬糖"},
	{"frozen_drinks", "food", "major", "冷冻饮品", "Frozen drinks", NULL},
	{"flavored_ice", "frozen_drinks", "food", "风味冰", "Flavoured ice", NULL},
	{"ice_lolly", "frozen_drinks", "food", "冰棍", "Ice lolly", "冰棒,雪糕棍"},
	/* 食用菌及其制品 (GB 2762 附录A) */
	{"fungi", "food", "major", "食用菌及其制品", "Edible fungi and products", "食用菌"},
	{"fresh_fungi", "fungi", "sub", "新鲜食用菌", "Fresh edible fungi", "鲜食用菌"},
	{"shiitake", "fresh_fungi", "food", "香菇", "Shiitake", "鲜香菇"},
	{"oyster_mushroom", "fresh_fungi", "food", "平菇", "Oyster mushroom", NULL},
	{"button_mushroom", "fresh_fungi", "food", "双孢菇", "Button mushroom", "白蘑菇,口蘑"},
	{"enoki", "fresh_fungi", "food", "金针菇", "Enoki", NULL},
	{"wood_ear", "fresh_fungi", "food", "木耳", "Wood ear", "黑木耳,毛木耳"},
	/* 茶叶、蜂产品、特殊膳食 */
	{"tea", "food", "major", "茶叶及相关制品", "Tea", NULL},
	{"tea_leaves", "tea", "sub", "茶叶", "Tea leaves", NULL},
	{"green_tea", "tea_leaves", "food", "绿茶", "Green tea", NULL},
	{"black_tea", "tea_leaves", "food", "红茶", "Black tea", NULL},
	{"bee_products", "food", "major", "蜂产品", "Bee products", NULL},
	{"honey", "bee_products", "food", "蜂蜜", "Honey", NULL},
	{"special_diet", "food", "major", "特殊膳食用食品", "Foods for special dietary uses", NULL},
	{"infant_formula", "special_diet", "sub", "婴幼儿配方食品", "Infant formula", NULL},
	{"infant_milk_formula", "infant_formula", "food", "婴儿配方乳粉", "Infant formula milk powder", "婴儿配方奶粉"},
	{"follow_on_formula", "infant_formula", "food", "较大婴儿和幼儿配方食品", "Follow-on formula", "较大婴儿配方乳粉,幼儿配方乳粉"},
};
const int food_ncat_seeds = (int)(sizeof food_cat_seeds / sizeof food_cat_seeds[0]);

/* ---- analytes (检验项目) ---- */

const food_analyte_seed food_analyte_seeds[] = {
	/* GB 2762 contaminants; methods DOMAIN.md §2.1 */
	{"pb", "铅", "Lead", "Pb,铅(以Pb计)", "contaminant", "mg/kg", "GB 5009.12"},
	{"cd", "镉", "Cadmium", "Cd,镉(以Cd计)", "contaminant", "mg/kg", "GB 5009.15"},
	{"hg", "总汞", "Total mercury", "汞,Hg,总汞(以Hg计)", "contaminant", "mg/kg", "GB 5009.17"},
	{"mehg", "甲基汞", "Methylmercury", "甲基汞(以Hg计)", "contaminant", "mg/kg", "GB 5009.17"},
	{"inorg_as", "无机砷", "Inorganic arsenic", "无机砷(以As计)", "contaminant", "mg/kg", "GB 5009.11"},
	{"total_as", "总砷", "Total arsenic", "砷,As,总砷(以As计)", "contaminant", "mg/kg", "GB 5009.11"},
	{"bap", "苯并[a]芘", "Benzo[a]pyrene", "苯并(a)芘,苯并芘,BaP", "contaminant", "μg/kg", "GB 5009.27"},
	{"cr", "铬", "Chromium", "Cr,铬(以Cr计)", "contaminant", "mg/kg", NULL},
	{"nitrite", "亚硝酸盐", "Nitrite", "亚硝酸盐(以NaNO2计),亚硝酸盐(以亚硝酸钠计)", "contaminant", "mg/kg", NULL},
	{"ndma", "N-二甲基亚硝胺", "N-Nitrosodimethylamine", "NDMA", "contaminant", "μg/kg", NULL},
	{"pcb", "多氯联苯", "Polychlorinated biphenyls", "PCBs", "contaminant", "μg/kg", NULL},
	/* GB 2761 mycotoxins */
	{"afb1", "黄曲霉毒素B1", "Aflatoxin B1", "黄曲霉毒素B₁,AFB1", "mycotoxin", "μg/kg", NULL},
	{"afm1", "黄曲霉毒素M1", "Aflatoxin M1", "黄曲霉毒素M₁,AFM1", "mycotoxin", "μg/kg", NULL},
	{"don", "脱氧雪腐镰刀菌烯醇", "Deoxynivalenol", "呕吐毒素,DON", "mycotoxin", "μg/kg", NULL},
	{"zen", "玉米赤霉烯酮", "Zearalenone", "ZEN", "mycotoxin", "μg/kg", NULL},
	{"ota", "赭曲霉毒素A", "Ochratoxin A", "OTA", "mycotoxin", "μg/kg", NULL},
	{"patulin", "展青霉素", "Patulin", NULL, "mycotoxin", "μg/kg", NULL},
	/* GB 2763 pesticide residues */
	{"chlorpyrifos", "毒死蜱", "Chlorpyrifos", NULL, "pesticide", "mg/kg", NULL},
	{"omethoate", "氧乐果", "Omethoate", NULL, "pesticide", "mg/kg", NULL},
	{"phorate", "甲拌磷", "Phorate", NULL, "pesticide", "mg/kg", NULL},
	{"carbofuran", "克百威", "Carbofuran", NULL, "pesticide", "mg/kg", NULL},
	{"fenthion", "倍硫磷", "Fenthion", NULL, "pesticide", "mg/kg", NULL},
	{"clothianidin", "噻虫胺", "Clothianidin", NULL, "pesticide", "mg/kg", NULL},
	{"thiamethoxam", "噻虫嗪", "Thiamethoxam", NULL, "pesticide", "mg/kg", NULL},
	{"abamectin", "阿维菌素", "Abamectin", NULL, "pesticide", "mg/kg", NULL},
	{"prochloraz", "咪鲜胺和咪鲜胺锰盐", "Prochloraz and its manganese salt", "咪鲜胺", "pesticide", "mg/kg", NULL},
	{"procymidone", "腐霉利", "Procymidone", NULL, "pesticide", "mg/kg", NULL},
	/* GB 2760 additives */
	{"benzoic", "苯甲酸及其钠盐", "Benzoic acid and sodium benzoate", "苯甲酸,苯甲酸钠,苯甲酸及其钠盐(以苯甲酸计)", "additive", "g/kg", NULL},
	{"sorbic", "山梨酸及其钾盐", "Sorbic acid and potassium sorbate", "山梨酸,山梨酸钾,山梨酸及其钾盐(以山梨酸计)", "additive", "g/kg", "GB 5009.28"},
	{"cyclamate", "甜蜜素", "Sodium cyclamate", "环己基氨基磺酸钠,甜蜜素(以环己基氨基磺酸计)", "additive", "g/kg", "GB 5009.97"},
	{"saccharin", "糖精钠", "Saccharin sodium", "糖精,糖精钠(以糖精计)", "additive", "g/kg", "GB 5009.28"},
	{"dehydroacetic", "脱氢乙酸及其钠盐", "Dehydroacetic acid and sodium dehydroacetate", "脱氢乙酸,脱氢乙酸钠,脱氢乙酸及其钠盐(以脱氢乙酸计)", "additive", "g/kg", "GB 5009.121"},
	{"so2", "二氧化硫残留量", "Sulphur dioxide residue", "二氧化硫,SO2,二氧化硫残留量(以SO2计)", "additive", "g/kg", NULL},
	/* GB 31650 veterinary drugs */
	{"enrofloxacin", "恩诺沙星", "Enrofloxacin", "恩诺沙星(以恩诺沙星与环丙沙星之和计),恩诺沙星与环丙沙星之和", "vet_drug", "μg/kg", NULL},
	{"sulfonamides", "磺胺类(总量)", "Sulfonamides (total)", "磺胺类,磺胺类药物", "vet_drug", "μg/kg", NULL},
	{"tetracyclines", "土霉素/金霉素/四环素(组合含量)", "Oxytetracycline/chlortetracycline/tetracycline", "土霉素,金霉素,四环素", "vet_drug", "μg/kg", NULL},
	{"doxycycline", "多西环素", "Doxycycline", "强力霉素", "vet_drug", "μg/kg", NULL},
	/* prohibited substances, DOMAIN.md §2.6 */
	{"malachite_green", "孔雀石绿", "Malachite green", "孔雀石绿(孔雀石绿及其代谢物隐色孔雀石绿残留量之和)", "prohibited", "μg/kg", NULL},
	{"clenbuterol", "克伦特罗", "Clenbuterol", "盐酸克伦特罗", "prohibited", "μg/kg", NULL},
	{"ractopamine", "莱克多巴胺", "Ractopamine", NULL, "prohibited", "μg/kg", NULL},
	{"salbutamol", "沙丁胺醇", "Salbutamol", NULL, "prohibited", "μg/kg", NULL},
	{"chloramphenicol", "氯霉素", "Chloramphenicol", NULL, "prohibited", "μg/kg", NULL},
	{"nitrofurazone_m", "呋喃西林代谢物", "Nitrofurazone metabolite (SEM)", "SEM", "prohibited", "μg/kg", NULL},
	{"furazolidone_m", "呋喃唑酮代谢物", "Furazolidone metabolite (AOZ)", "AOZ", "prohibited", "μg/kg", NULL},
	{"furaltadone_m", "呋喃它酮代谢物", "Furaltadone metabolite (AMOZ)", "AMOZ", "prohibited", "μg/kg", NULL},
	{"nitrofurantoin_m", "呋喃妥因代谢物", "Nitrofurantoin metabolite (AHD)", "AHD", "prohibited", "μg/kg", NULL},
	{"pcp_na", "五氯酚酸钠", "Sodium pentachlorophenate", "五氯酚酸钠(以五氯酚计),五氯酚", "prohibited", "μg/kg", NULL},
	{"metronidazole", "甲硝唑", "Metronidazole", NULL, "prohibited", "μg/kg", NULL},
	{"sudan_i", "苏丹红I", "Sudan I", "苏丹红Ⅰ", "prohibited", "μg/kg", NULL},
	{"sudan_ii", "苏丹红II", "Sudan II", "苏丹红Ⅱ", "prohibited", "μg/kg", NULL},
	{"sudan_iii", "苏丹红III", "Sudan III", "苏丹红Ⅲ", "prohibited", "μg/kg", NULL},
	{"sudan_iv", "苏丹红IV", "Sudan IV", "苏丹红Ⅳ", "prohibited", "μg/kg", NULL},
	{"melamine", "三聚氰胺", "Melamine", NULL, "prohibited", "mg/kg", NULL},
	/* microbiological and quality items: no limit shipped (a person decides, or a specification judges) */
	{"salmonella", "沙门氏菌", "Salmonella", NULL, "microbe", "/25g", NULL, 1},
	{"coliforms", "大肠菌群", "Coliforms", NULL, "microbe", "CFU/g", NULL, 1},
	{"total_count", "菌落总数", "Aerobic plate count", NULL, "microbe", "CFU/g", NULL, 1},
	{"protein", "蛋白质", "Protein", NULL, "quality", "g/100g", "GB 5009.5"},
};
const int food_nanalyte_seeds = (int)(sizeof food_analyte_seeds / sizeof food_analyte_seeds[0]);

/* ---- editions and their in-force periods (docs/food.md lists the sources;
 * dates other than GB 2762-2025 and GB 2760-2024 are from memory [U]). The
 * last field overrides the rows' status where an edition's values are
 * themselves unverified. ---- */

static const food_edition gb2762_2022 = {"GB 2762", "2022", "2023-06-30", "2026-09-01", NULL};
static const food_edition gb2762_2025 = {"GB 2762", "2025", "2026-09-02", NULL, NULL};
static const food_edition gb2761_2017 = {"GB 2761", "2017", "2017-09-17", NULL, NULL};
static const food_edition gb2763_2021 = {"GB 2763", "2021", "2021-09-03", NULL, NULL};
static const food_edition gb2760_2014 = {"GB 2760", "2014", "2015-05-24", "2025-02-07", "U"};
static const food_edition gb2760_2024 = {"GB 2760", "2024", "2025-02-08", NULL, NULL};
static const food_edition gb31650_2019 = {"GB 31650", "2019", "2020-04-01", NULL, NULL};
/* 农业农村部 国家卫生健康委 市场监管总局公告第594号: in force 2023-02-01 */
static const food_edition gb31650_1_2022 = {"GB 31650.1", "2022", "2023-02-01", NULL, NULL};
static const food_edition moa250 = {"农业农村部公告第250号", "2019", "2019-12-27", NULL, NULL};
static const food_edition moh_nonfood = {"食品中可能违法添加的非食用物质名单", "第一批(2008)", "2008-12-12", NULL, NULL};
static const food_edition melamine2011 = {"卫生部等5部门公告2011年第10号", "2011", "2011-04-06", NULL, NULL};

/* GB 2762-2025 §foreword: values unchanged from 2022 except 肉类干制品 and a
 * few items not shipped here, so each contaminant line holds in both. */
static const food_edition *const ED_2762[] = {&gb2762_2022, &gb2762_2025, NULL};
static const food_edition *const ED_2761[] = {&gb2761_2017, NULL};
static const food_edition *const ED_2763[] = {&gb2763_2021, NULL};
/* DOMAIN.md §2.4: GB 2760-2014 values believed identical [U] */
static const food_edition *const ED_2760[] = {&gb2760_2014, &gb2760_2024, NULL};
static const food_edition *const ED_2760_2024[] = {&gb2760_2024, NULL};
static const food_edition *const ED_2760_2014[] = {&gb2760_2014, NULL};
static const food_edition *const ED_31650[] = {&gb31650_2019, NULL};
static const food_edition *const ED_31650_1[] = {&gb31650_1_2022, NULL};
static const food_edition *const ED_2762_2022[] = {&gb2762_2022, NULL};
static const food_edition *const ED_2762_2025[] = {&gb2762_2025, NULL};
static const food_edition *const ED_250[] = {&moa250, NULL};
static const food_edition *const ED_NONFOOD[] = {&moh_nonfood, NULL};
static const food_edition *const ED_MELAMINE[] = {&melamine2011, NULL};

#define DRY_MEAT_NOTE "肉类干制品另有条目 (GB 2762-2022 3.5 按脱水率折算; GB 2762-2025 表1/表2/表7)"

/* ref, editions, clause, categories, analyte, comparator, value, value_hi, unit, basis, method, exclusions, status, note */
const food_limit_seed food_limit_seeds[] = {
	/* §2.1 GB 2762 — 4.1 铅 */
	{"F1", ED_2762, "4.1 表1", "cereals", "pb", "le", "0.2", NULL, "mg/kg", "edible", "full", "oatmeal,gluten,congee_cans,filled_staples", "V-ind"},
	{"F2", ED_2762, "4.1 表1", "oatmeal,gluten,congee_cans,filled_staples", "pb", "le", "0.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F3", ED_2762, "4.1 表1", "fresh_veg", "pb", "le", "0.1", NULL, "mg/kg", "edible", "full", "brassica,leafy_veg,legume_veg,ginger,tubers", "V-ind"},
	{"F4", ED_2762, "4.1 表1", "leafy_veg", "pb", "le", "0.3", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F5", ED_2762, "4.1 表1", "brassica,legume_veg,ginger,tubers", "pb", "le", "0.2", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F6", ED_2762, "4.1 表1", "pickled_veg", "pb", "le", "0.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F6", ED_2762, "4.1 表1", "dried_veg", "pb", "le", "0.8", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F7", ED_2762, "4.1 表1", "fresh_fruit", "pb", "le", "0.1", NULL, "mg/kg", "edible", "full", "cranberry,gooseberry", "V-ind"},
	{"F8", ED_2762, "4.1 表1", "meat_fresh", "pb", "le", "0.2", NULL, "mg/kg", "edible", "full", "offal", "V-ind"},
	{"F8", ED_2762, "4.1 表1", "offal", "pb", "le", "0.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F8", ED_2762, "4.1 表1", "meat_products", "pb", "le", "0.3", NULL, "mg/kg", "edible", "full", "dried_meat", "V-ind", DRY_MEAT_NOTE},
	{"F9", ED_2762, "4.1 表1", "fish,crustaceans", "pb", "le", "0.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F9", ED_2762, "4.1 表1", "bivalves", "pb", "le", "1.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F10", ED_2762, "4.1 表1", "raw_milk,pasteurized_milk,sterilized_milk", "pb", "le", "0.02", NULL, "mg/kg", "as_sold", "full", NULL, "V-ind"},
	{"F10", ED_2762, "4.1 表1", "modified_milk,fermented_milk", "pb", "le", "0.04", NULL, "mg/kg", "as_sold", "full", NULL, "V-ind"},
	{"F11", ED_2762, "4.1 表1", "eggs", "pb", "le", "0.2", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F12", ED_2762, "4.1 表1", "tea_leaves", "pb", "le", "5.0", NULL, "mg/kg", "as_sold", "full", NULL, "V-ind"},
	{"F13", ED_2762, "4.1 表1", "packaged_water", "pb", "le", "0.01", NULL, "mg/L", "as_sold", "full", NULL, "V-ind"},
	{"F14", ED_2762, "4.1 表1", "infant_formula", "pb", "le", "0.08", NULL, "mg/kg", "solid_product", "full", NULL, "V-ind"},
	/* 4.2 镉 */
	{"F15", ED_2762, "4.2 表2", "paddy_rice", "cd", "le", "0.2", NULL, "mg/kg", "brown_rice", "full", NULL, "V-ind", "稻谷以糙米计"},
	{"F15", ED_2762, "4.2 表2", "brown_rice,rice,rice_flour", "cd", "le", "0.2", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F16", ED_2762, "4.2 表2", "grains", "cd", "le", "0.1", NULL, "mg/kg", "edible", "full", "paddy_rice", "V-ind"},
	{"F16", ED_2762, "4.2 表2", "milled", "cd", "le", "0.1", NULL, "mg/kg", "edible", "full", "brown_rice,rice,rice_flour", "V-ind"},
	{"F17", ED_2762, "4.2 表2", "fresh_veg", "cd", "le", "0.05", NULL, "mg/kg", "edible", "full", "leafy_veg,legume_veg,root_tuber_veg,stem_veg,daylily", "V-ind"},
	{"F18", ED_2762, "4.2 表2", "leafy_veg,celery,daylily", "cd", "le", "0.2", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F19", ED_2762, "4.2 表2", "legume_veg,root_tuber_veg", "cd", "le", "0.1", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F19", ED_2762, "4.2 表2", "stem_veg", "cd", "le", "0.1", NULL, "mg/kg", "edible", "full", "celery", "V-ind"},
	{"F20", ED_2762, "4.2 表2", "meat", "cd", "le", "0.1", NULL, "mg/kg", "edible", "full", "offal,dried_meat", "V-ind", DRY_MEAT_NOTE},
	{"F20", ED_2762, "4.2 表2", "liver", "cd", "le", "0.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F20", ED_2762, "4.2 表2", "kidney", "cd", "le", "1.0", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F21", ED_2762, "4.2 表2", "fish", "cd", "le", "0.1", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F21", ED_2762, "4.2 表2", "crustaceans", "cd", "le", "0.5", NULL, "mg/kg", "edible", "full", "sea_crab,mantis_shrimp", "V-ind"},
	{"F21", ED_2762, "4.2 表2", "sea_crab,mantis_shrimp", "cd", "le", "3.0", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F21", ED_2762, "4.2 表2", "bivalves,gastropods,cephalopods,echinoderms", "cd", "le", "2.0", NULL, "mg/kg", "eviscerated", "full", NULL, "V-ind"},
	{"F22", ED_2762, "4.2 表2", "peanut", "cd", "le", "0.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F22", ED_2762, "4.2 表2", "pulses", "cd", "le", "0.2", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F22", ED_2762, "4.2 表2", "eggs", "cd", "le", "0.05", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	/* 4.3 汞 */
	{"F23", ED_2762, "4.3 表3", "paddy_rice", "hg", "le", "0.02", NULL, "mg/kg", "brown_rice", "full", NULL, "V-ind", "稻谷以糙米计"},
	{"F23", ED_2762, "4.3 表3", "brown_rice,rice,rice_flour,maize,maize_flour,wheat,wheat_flour", "hg", "le", "0.02", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F24", ED_2762, "4.3 表3", "fresh_veg", "hg", "le", "0.01", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F24", ED_2762, "4.3 表3", "meat_fresh,fresh_eggs", "hg", "le", "0.05", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F25", ED_2762, "4.3 表3", "raw_milk,pasteurized_milk,sterilized_milk,modified_milk,fermented_milk", "hg", "le", "0.01", NULL, "mg/kg", "as_sold", "full", NULL, "V-ind"},
	{"F26", ED_2762, "4.3 表3", "aquatic", "mehg", "le", "0.5", NULL, "mg/kg", "edible", "full", "predatory_fish", "V-ind", "表3注a: total Hg may be measured first; total Hg ≤ the methylmercury limit is compliant"},
	{"F26", ED_2762, "4.3 表3", "predatory_fish", "mehg", "le", "1.0", NULL, "mg/kg", "edible", "full", "tuna,alfonsino,marlin,shark", "V-ind"},
	{"F26", ED_2762, "4.3 表3", "tuna", "mehg", "le", "1.2", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F26", ED_2762, "4.3 表3", "alfonsino", "mehg", "le", "1.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F26", ED_2762, "4.3 表3", "marlin", "mehg", "le", "1.7", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F26", ED_2762, "4.3 表3", "shark", "mehg", "le", "1.6", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	/* 4.4 砷 */
	{"F27", ED_2762, "4.4 表4", "paddy_rice", "inorg_as", "le", "0.35", NULL, "mg/kg", "brown_rice", "full", NULL, "V-ind", "稻谷以糙米计; 表4注a: total As may be measured first"},
	{"F27", ED_2762, "4.4 表4", "brown_rice", "inorg_as", "le", "0.35", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F27", ED_2762, "4.4 表4", "rice,rice_flour", "inorg_as", "le", "0.2", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F28", ED_2762, "4.4 表4", "grains", "total_as", "le", "0.5", NULL, "mg/kg", "edible", "full", "paddy_rice", "V-ind"},
	{"F28", ED_2762, "4.4 表4", "milled", "total_as", "le", "0.5", NULL, "mg/kg", "edible", "full", "brown_rice,rice,rice_flour", "V-ind"},
	{"F28", ED_2762, "4.4 表4", "fresh_veg", "total_as", "le", "0.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F28", ED_2762, "4.4 表4", "meat", "total_as", "le", "0.5", NULL, "mg/kg", "edible", "full", "dried_meat", "V-ind", DRY_MEAT_NOTE},
	{"F29", ED_2762, "4.4 表4", "aquatic", "inorg_as", "le", "0.5", NULL, "mg/kg", "edible", "full", "fish,fish_products", "V-ind"},
	{"F29", ED_2762, "4.4 表4", "fish,fish_products", "inorg_as", "le", "0.1", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	/* 4.9 苯并[a]芘 */
	{"F30", ED_2762, "4.9 表9", "paddy_rice,brown_rice,rice,rice_flour,wheat,wheat_flour,maize,maize_flour,maize_grits", "bap", "le", "2.0", NULL, "μg/kg", "edible", "full", NULL, "V-ind"},
	{"F31", ED_2762, "4.9 表9", "smoked_meat,smoked_aquatic", "bap", "le", "5.0", NULL, "μg/kg", "edible", "full", NULL, "V-ind"},
	{"F32", ED_2762, "4.9 表9", "oils,cream,butter,anhydrous_butter", "bap", "le", "10", NULL, "μg/kg", "as_sold", "full", NULL, "V-ind"},
	/* 4.7 铬 */
	/* 表7 lists 谷物 1.0, 谷物碾磨加工品 1.0, 豆类 1.0, 新鲜蔬菜 0.5, 肉及肉制品 1.0,
	 * 水产动物及其制品 2.0, 生乳/巴氏杀菌乳/灭菌乳/调制乳/发酵乳 0.3, 乳粉和调制乳粉 2.0.
	 * Aquatic animals were once grouped with cereals at 1.0: wrong (issue 12). */
	{"F33", ED_2762, "4.7 表7", "grains,milled,pulses", "cr", "le", "1.0", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F33", ED_2762, "4.7 表7", "aquatic", "cr", "le", "2.0", NULL, "mg/kg", "edible", "full", NULL, "V-ind", "水产动物及其制品"},
	{"F33", ED_2762, "4.7 表7", "raw_milk,pasteurized_milk,sterilized_milk,modified_milk,fermented_milk", "cr", "le", "0.3", NULL, "mg/kg", "as_sold", "full", NULL, "V-ind"},
	{"F33", ED_2762, "4.7 表7", "milk_powder", "cr", "le", "2.0", NULL, "mg/kg", "as_sold", "full", NULL, "V-ind", "乳粉和调制乳粉"},
	{"F33", ED_2762, "4.7 表7", "fresh_veg", "cr", "le", "0.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F33", ED_2762, "4.7 表7", "meat", "cr", "le", "1.0", NULL, "mg/kg", "edible", "full", "dried_meat", "V-ind", DRY_MEAT_NOTE},
	/* 4.8 亚硝酸盐, 4.10 N-二甲基亚硝胺, 4.11 多氯联苯 */
	{"F34", ED_2762, "4.8 表8", "pickled_veg", "nitrite", "le", "20", NULL, "mg/kg", "as_sold", "full", NULL, "V-ind", "以NaNO2计"},
	{"F34", ED_2762, "4.8 表8", "raw_milk", "nitrite", "le", "0.4", NULL, "mg/kg", "as_sold", "full", NULL, "V-ind", "以NaNO2计"},
	{"F35", ED_2762, "4.10 表10", "meat_products", "ndma", "le", "3.0", NULL, "μg/kg", "edible", "full", "canned_meat", "V-ind"},
	{"F35", ED_2762, "4.10 表10", "aquatic_products", "ndma", "le", "4.0", NULL, "μg/kg", "edible", "full", "canned_aquatic", "V-ind"},
	{"F36", ED_2762, "4.11 表11", "aquatic", "pcb", "le", "20", NULL, "μg/kg", "edible", "full", NULL, "V-ind"},
	/* 肉类干制品. GB 2762-2025 judges it under 肉制品/肉及肉制品 like any meat
	 * product (its 3.5 names only 干制水产品 and 干制食用菌). Under GB 2762-2022
	 * the dried product's limit is the fresh meat's limit converted by the
	 * dehydration rate (2022 3.5): the row carries the fresh-meat value and is
	 * unverified, so every item goes to a person, who applies the rate. */
	{"F37", ED_2762_2025, "4.1 表1", "dried_meat", "pb", "le", "0.3", NULL, "mg/kg", "edible", "full", NULL, "V-ind", "肉制品(畜禽内脏制品除外)"},
	{"F37", ED_2762_2025, "4.2 表2", "dried_meat", "cd", "le", "0.1", NULL, "mg/kg", "edible", "full", NULL, "V-ind", "肉及肉制品(畜禽内脏及其制品除外)"},
	{"F37", ED_2762_2025, "4.7 表7", "dried_meat", "cr", "le", "1.0", NULL, "mg/kg", "edible", "full", NULL, "V-ind", "肉及肉制品"},
	{"F37", ED_2762_2022, "3.5; 4.1 表1", "dried_meat", "pb", "le", "0.2", NULL, "mg/kg", "fresh_equivalent", "full", NULL, "U", "肉类干制品: 以肉类限量结合脱水率折算"},
	{"F37", ED_2762_2022, "3.5; 4.2 表2", "dried_meat", "cd", "le", "0.1", NULL, "mg/kg", "fresh_equivalent", "full", NULL, "U", "肉类干制品: 以肉类限量结合脱水率折算"},
	{"F37", ED_2762_2022, "3.5; 4.7 表7", "dried_meat", "cr", "le", "1.0", NULL, "mg/kg", "fresh_equivalent", "full", NULL, "U", "肉类干制品: 以肉类限量结合脱水率折算"},
	/* 焙烤食品 and 食用菌及其制品 */
	{"F38", ED_2762, "4.1 表1", "bakery", "pb", "le", "0.5", NULL, "mg/kg", "as_sold", "full", NULL, "V-ind", "焙烤食品"},
	{"F39", ED_2762, "4.1 表1", "fungi", "pb", "le", "0.5", NULL, "mg/kg", "edible", "full", "shiitake,oyster_mushroom,button_mushroom,wood_ear", "V-ind"},
	{"F39", ED_2762, "4.1 表1", "shiitake,oyster_mushroom,button_mushroom", "pb", "le", "0.3", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F39", ED_2762, "4.1 表1", "wood_ear", "pb", "le", "1.0", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F40", ED_2762, "4.2 表2", "fungi", "cd", "le", "0.2", NULL, "mg/kg", "edible", "full", "shiitake,wood_ear", "V-ind"},
	{"F40", ED_2762, "4.2 表2", "shiitake,wood_ear", "cd", "le", "0.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F41", ED_2762, "4.3 表3", "fungi", "hg", "le", "0.1", NULL, "mg/kg", "edible", "full", NULL, "V-ind"},
	{"F41", ED_2762, "4.4 表4", "fungi", "inorg_as", "le", "0.5", NULL, "mg/kg", "edible", "full", NULL, "V-ind", "表4注a: total As may be measured first"},
	/* §2.2 GB 2761-2017 mycotoxins */
	{"M1", ED_2761, "4.1 表1", "peanut_products", "afb1", "le", "20", NULL, "μg/kg", "as_sold", "full", NULL, "V"},
	{"M2", ED_2761, "4.1 表1", "peanut_oil,corn_oil", "afb1", "le", "20", NULL, "μg/kg", "as_sold", "full", NULL, "V"},
	{"M3", ED_2761, "4.1 表1", "veg_oils", "afb1", "le", "10", NULL, "μg/kg", "as_sold", "full", "peanut_oil,corn_oil", "U"},
	{"M4", ED_2761, "4.1 表1", "maize,maize_flour,maize_grits,maize_flakes,maize_products", "afb1", "le", "20", NULL, "μg/kg", "as_sold", "full", NULL, "U"},
	{"M5", ED_2761, "4.1 表1", "paddy_rice,brown_rice,rice", "afb1", "le", "10", NULL, "μg/kg", "as_sold", "full", NULL, "U"},
	{"M6", ED_2761, "4.1 表1", "wheat,barley,other_grains,wheat_flour,oatmeal", "afb1", "le", "5.0", NULL, "μg/kg", "as_sold", "full", NULL, "U"},
	{"M7", ED_2761, "4.1 表1", "soy_sauce,vinegar,brewed_paste,fermented_soy", "afb1", "le", "5.0", NULL, "μg/kg", "as_sold", "full", NULL, "U"},
	{"M8", ED_2761, "4.1 表1", "infant_formula", "afb1", "le", "0.5", NULL, "μg/kg", "solid_product", "full", NULL, "U"},
	{"M14", ED_2761, "4.2 表2", "infant_formula", "afm1", "le", "0.5", NULL, "μg/kg", "solid_product", "full", NULL, "U", "婴幼儿配方食品, 以粉状产品计"},
	{"M15", ED_2761, "4.5 表5", "wine", "ota", "le", "2.0", NULL, "μg/kg", "as_sold", "full", NULL, "U", "葡萄酒"},
	{"M9", ED_2761, "4.2 表2", "dairy", "afm1", "le", "0.5", NULL, "μg/kg", "raw_milk_equivalent", "full", NULL, "U", "乳粉按生乳折算"},
	{"M10", ED_2761, "4.3 表3", "maize,maize_flour,maize_grits,maize_flakes,barley,wheat,oatmeal,wheat_flour", "don", "le", "1000", NULL, "μg/kg", "as_sold", "full", NULL, "U"},
	{"M11", ED_2761, "4.6 表6", "wheat,wheat_flour,maize,maize_flour,maize_grits,maize_flakes", "zen", "le", "60", NULL, "μg/kg", "as_sold", "full", NULL, "U"},
	{"M12", ED_2761, "4.5 表5", "grains,milled,pulses", "ota", "le", "5.0", NULL, "μg/kg", "as_sold", "full", NULL, "U"},
	{"M13", ED_2761, "4.4 表4", "apple_products,hawthorn_products", "patulin", "le", "50", NULL, "μg/kg", "as_sold", "full", "fruit_leather", "U"},
	{"M13", ED_2761, "4.4 表4", "apple_juice,hawthorn_juice", "patulin", "le", "50", NULL, "μg/kg", "as_sold", "full", NULL, "U"},
	/* §2.3 GB 2763-2021 pesticide MRLs (values V from bulletins) */
	{"P1", ED_2763, "4 毒死蜱", "pak_choi,cowpea,carrot,potato,tomato,sweet_potato,ginger", "chlorpyrifos", "le", "0.02", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P2", ED_2763, "4 毒死蜱", "celery", "chlorpyrifos", "le", "0.05", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P3", ED_2763, "4 氧乐果", "celery,cowpea,tomato", "omethoate", "le", "0.02", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P4", ED_2763, "4 甲拌磷", "celery,chinese_chive,carrot", "phorate", "le", "0.01", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P5", ED_2763, "4 克百威", "chili,ginger,citrus,cowpea", "carbofuran", "le", "0.02", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P6", ED_2763, "4 倍硫磷", "cowpea", "fenthion", "le", "0.05", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P7", ED_2763, "4 噻虫胺", "cowpea,kidney_bean", "clothianidin", "le", "0.01", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P7", ED_2763, "4 噻虫胺", "chili", "clothianidin", "le", "0.05", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P7", ED_2763, "4 噻虫胺", "ginger", "clothianidin", "le", "0.2", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P7", ED_2763, "4 噻虫胺", "banana", "clothianidin", "le", "0.02", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P7", ED_2763, "4 噻虫胺", "celery", "clothianidin", "le", "0.04", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P8", ED_2763, "4 噻虫嗪", "banana", "thiamethoxam", "le", "0.02", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P8", ED_2763, "4 噻虫嗪", "welsh_onion,ginger", "thiamethoxam", "le", "0.3", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P8", ED_2763, "4 噻虫嗪", "celery,chili", "thiamethoxam", "le", "1", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P9", ED_2763, "4 阿维菌素", "chinese_chive", "abamectin", "le", "0.05", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P10", ED_2763, "4 咪鲜胺和咪鲜胺锰盐", "yam", "prochloraz", "le", "0.3", NULL, "mg/kg", "as_sold", "full", NULL, "V"},
	{"P11", ED_2763, "4 腐霉利", "chinese_chive", "procymidone", "le", "5", NULL, "mg/kg", "as_sold", "full", NULL, "U", "as printed in a Shandong bulletin; cross-check"},
	/* §2.4 GB 2760 additives (2014 edition values believed identical: rows of that edition are U) */
	{"A1", ED_2760, "表A.1 苯甲酸及其钠盐", "pickled_veg", "benzoic", "le", "1.0", NULL, "g/kg", "as_sold", "full", NULL, "V", "以苯甲酸计"},
	{"A2", ED_2760, "表A.1 苯甲酸及其钠盐", "candied_fruit", "benzoic", "le", "0.5", NULL, "g/kg", "as_sold", "full", NULL, "V", "以苯甲酸计"},
	{"A3", ED_2760, "表A.1 苯甲酸及其钠盐", "jam,flavored_ice,ice_lolly", "benzoic", "le", "1.0", NULL, "g/kg", "as_sold", "full", NULL, "V", "以苯甲酸计; 果酱 (罐头除外)"},
	{"A4", ED_2760, "表A.1 苯甲酸及其钠盐", "carbonated", "benzoic", "le", "0.2", NULL, "g/kg", "as_sold", "full", NULL, "V", "以苯甲酸计"},
	{"A5", ED_2760, "表A.1 苯甲酸及其钠盐", "soy_sauce,vinegar,brewed_paste", "benzoic", "le", "1.0", NULL, "g/kg", "as_sold", "full", NULL, "V", "以苯甲酸计"},
	{"A6", ED_2760, "表A.1 (未列入: 不得使用)", "salted_jellyfish,meigancai", "benzoic", "nd", NULL, NULL, "g/kg", "as_sold", "full", NULL, "V", "不得使用: any detection at the method's detection limit fails"},
	{"A7", ED_2760, "表A.1 二氧化硫", "candied_fruit", "so2", "le", "0.35", NULL, "g/kg", "as_sold", "full", NULL, "V", "最大使用量以二氧化硫残留量计"},
	{"A8", ED_2760, "表A.1 二氧化硫", "biscuits,hard_candy,pickled_veg", "so2", "le", "0.1", NULL, "g/kg", "as_sold", "full", NULL, "V", "最大使用量以二氧化硫残留量计"},
	{"A9", ED_2760, "表A.1 二氧化硫", "treated_fruit", "so2", "le", "0.05", NULL, "g/kg", "as_sold", "full", NULL, "V", "经表面处理的鲜水果"},
	{"A10", ED_2760, "表A.1 二氧化硫", "dried_fruit", "so2", "le", "0.1", NULL, "g/kg", "as_sold", "full", NULL, "V"},
	{"A10", ED_2760, "表A.1 二氧化硫", "dried_veg", "so2", "le", "0.2", NULL, "g/kg", "as_sold", "full", NULL, "V"},
	{"A11", ED_2760, "表A.1 二氧化硫", "star_anise", "so2", "le", "0.15", NULL, "g/kg", "as_sold", "full", NULL, "V", "香辛料 (仅限八角)"},
	{"A12", ED_2760, "表A.1 二氧化硫", "marine_shrimp,sea_crab", "so2", "le", "0.1", NULL, "g/kg", "as_sold", "full", NULL, "V", "鲜水产 (仅限海水虾蟹类)"},
	{"A13", ED_2760, "表A.1 (未列入: 不得使用)", "sichuan_pepper,dried_ginger,fresh_noodles,taro,water_chestnut", "so2", "nd", NULL, NULL, "g/kg", "as_sold", "full", NULL, "V", "不得使用"},
	{"A14", ED_2760_2024, "表A.1 二氧化硫", "wine", "so2", "le", "0.25", NULL, "g/L", "as_sold", "full", NULL, "V", "甜型葡萄酒 0.4 g/L"},
	/* 山梨酸及其钾盐 (以山梨酸计) */
	{"A15", ED_2760, "表A.1 山梨酸及其钾盐", "pastries,bread,pickled_veg,jam,soy_sauce,vinegar", "sorbic", "le", "1.0", NULL, "g/kg", "as_sold", "full", NULL, "V", "以山梨酸计"},
	{"A15", ED_2760, "表A.1 山梨酸及其钾盐", "candied_fruit,brewed_paste,carbonated", "sorbic", "le", "0.5", NULL, "g/kg", "as_sold", "full", NULL, "V", "以山梨酸计"},
	{"A15", ED_2760, "表A.1 山梨酸及其钾盐", "braised_meat,smoked_meat", "sorbic", "le", "0.075", NULL, "g/kg", "as_sold", "full", NULL, "V", "熟肉制品(肉罐头类除外), 以山梨酸计"},
	{"A15", ED_2760, "表A.1 山梨酸及其钾盐", "wine", "sorbic", "le", "0.2", NULL, "g/kg", "as_sold", "full", NULL, "V", "以山梨酸计"},
	{"A16", ED_2760, "表A.1 (未列入: 不得使用)", "fresh_noodles,tofu,apple_juice", "sorbic", "nd", NULL, NULL, "g/kg", "as_sold", "full", NULL, "V", "不得使用"},
	/* 甜蜜素 (以环己基氨基磺酸计) */
	{"A17", ED_2760, "表A.1 甜蜜素", "pastries,bread", "cyclamate", "le", "1.6", NULL, "g/kg", "as_sold", "full", NULL, "V", "以环己基氨基磺酸计"},
	{"A17", ED_2760, "表A.1 甜蜜素", "biscuits,frozen_drinks,fermented_tofu,carbonated", "cyclamate", "le", "0.65", NULL, "g/kg", "as_sold", "full", NULL, "V", "以环己基氨基磺酸计"},
	{"A17", ED_2760, "表A.1 甜蜜素", "candied_fruit,jam,pickled_veg", "cyclamate", "le", "1.0", NULL, "g/kg", "as_sold", "full", NULL, "V", "以环己基氨基磺酸计"},
	{"A17", ED_2760, "表A.1 甜蜜素", "preserved_plum", "cyclamate", "le", "8.0", NULL, "g/kg", "as_sold", "full", NULL, "V", "话化类, 以环己基氨基磺酸计"},
	{"A18", ED_2760, "表A.1 (未列入: 不得使用)", "wine,fresh_noodles,baozi", "cyclamate", "nd", NULL, NULL, "g/kg", "as_sold", "full", NULL, "V", "不得使用"},
	/* 糖精钠 (以糖精计) */
	{"A19", ED_2760, "表A.1 糖精钠", "candied_fruit", "saccharin", "le", "1.0", NULL, "g/kg", "as_sold", "full", NULL, "V", "以糖精计"},
	{"A19", ED_2760, "表A.1 糖精钠", "preserved_plum", "saccharin", "le", "5.0", NULL, "g/kg", "as_sold", "full", NULL, "V", "话化类, 以糖精计"},
	{"A19", ED_2760, "表A.1 糖精钠", "jam", "saccharin", "le", "0.2", NULL, "g/kg", "as_sold", "full", NULL, "V", "以糖精计"},
	{"A19", ED_2760, "表A.1 糖精钠", "pickled_veg,frozen_drinks", "saccharin", "le", "0.15", NULL, "g/kg", "as_sold", "full", NULL, "V", "以糖精计"},
	{"A20", ED_2760, "表A.1 (未列入: 不得使用)", "pastries,bread,biscuits,wine,baozi", "saccharin", "nd", NULL, NULL, "g/kg", "as_sold", "full", NULL, "V", "不得使用"},
	/* 脱氢乙酸及其钠盐 (以脱氢乙酸计): GB 2760-2024 dropped 糕点 and 面包 */
	{"A21", ED_2760_2024, "表A.1 脱氢乙酸及其钠盐", "pickled_veg,fermented_soy", "dehydroacetic", "le", "0.3", NULL, "g/kg", "as_sold", "full", NULL, "V", "以脱氢乙酸计"},
	{"A21", ED_2760_2024, "表A.1 脱氢乙酸及其钠盐", "braised_meat,smoked_meat", "dehydroacetic", "le", "0.5", NULL, "g/kg", "as_sold", "full", NULL, "V", "熟肉制品(肉罐头类除外), 以脱氢乙酸计"},
	{"A22", ED_2760_2024, "表A.1 (未列入: 不得使用)", "pastries,bread,fresh_noodles", "dehydroacetic", "nd", NULL, NULL, "g/kg", "as_sold", "full", NULL, "V", "不得使用"},
	{"A23", ED_2760_2014, "表A.1 脱氢乙酸及其钠盐", "pastries,bread", "dehydroacetic", "le", "0.5", NULL, "g/kg", "as_sold", "full", NULL, "U", "以脱氢乙酸计"},
	{"A24", ED_2760, "表A.1 (未列入: 不得使用)", "pastries", "benzoic", "nd", NULL, NULL, "g/kg", "as_sold", "full", NULL, "V", "不得使用"},
	/* §2.5 GB 31650-2019 veterinary drug MRLs */
	{"V1", ED_31650, "恩诺沙星", "fish", "enrofloxacin", "le", "100", NULL, "μg/kg", "skin_and_muscle", "full", NULL, "V", "恩诺沙星与环丙沙星之和; 鱼 (皮+肉)"},
	{"V2", ED_31650, "恩诺沙星", "pig_liver", "enrofloxacin", "le", "200", NULL, "μg/kg", "edible", "full", NULL, "V"},
	/* the other tissues of 牛/羊/猪/家禽 (肌肉 100, 肝 200, 肾 300): the table text
	 * was not found to check them; unverified, so a person decides */
	{"V6", ED_31650, "恩诺沙星", "meat_fresh", "enrofloxacin", "le", "100", NULL, "μg/kg", "edible", "full", "offal", "U", "恩诺沙星与环丙沙星之和; 肌肉"},
	{"V6", ED_31650, "恩诺沙星", "liver", "enrofloxacin", "le", "200", NULL, "μg/kg", "edible", "full", NULL, "U", "恩诺沙星与环丙沙星之和"},
	{"V6", ED_31650, "恩诺沙星", "kidney", "enrofloxacin", "le", "300", NULL, "μg/kg", "edible", "full", NULL, "U", "恩诺沙星与环丙沙星之和"},
	{"V6", ED_31650, "恩诺沙星", "bullfrog", "enrofloxacin", "le", "100", NULL, "μg/kg", "edible", "full", NULL, "V-ind", "恩诺沙星与环丙沙星之和; as printed in sampling bulletins"},
	{"V6", ED_31650, "恩诺沙星", "crustaceans", "enrofloxacin", "le", "100", NULL, "μg/kg", "edible", "full", NULL, "U", "恩诺沙星与环丙沙星之和"},
	/* laying hens: 不得用于产蛋期家禽 (GB 31650-2019), so no residue may be
	 * detected in eggs; GB 31650.1-2022 then set egg limits for such drugs */
	{"V7", ED_31650, "恩诺沙星 (产蛋期禁用)", "fresh_eggs", "enrofloxacin", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "U", "不得用于产蛋期家禽"},
	{"V7", ED_31650_1, "恩诺沙星", "fresh_eggs", "enrofloxacin", "le", "10", NULL, "μg/kg", "edible", "full", NULL, "U", "恩诺沙星与环丙沙星之和"},
	{"V5", ED_31650, "多西环素 (产蛋期禁用)", "fresh_eggs", "doxycycline", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "U", "不得用于产蛋期家禽"},
	{"V3", ED_31650, "磺胺类", "meat_fresh", "sulfonamides", "le", "100", NULL, "μg/kg", "edible", "full", NULL, "V", "所有食品动物 肌肉/脂肪/肝/肾"},
	{"V4", ED_31650, "土霉素/金霉素/四环素", "meat_fresh", "tetracyclines", "le", "200", NULL, "μg/kg", "edible", "full", "offal", "U", "肌肉"},
	{"V4", ED_31650, "土霉素/金霉素/四环素", "liver", "tetracyclines", "le", "600", NULL, "μg/kg", "edible", "full", NULL, "U"},
	{"V4", ED_31650, "土霉素/金霉素/四环素", "kidney", "tetracyclines", "le", "1200", NULL, "μg/kg", "edible", "full", NULL, "U"},
	{"V4", ED_31650, "土霉素/金霉素/四环素", "raw_milk,pasteurized_milk,sterilized_milk", "tetracyclines", "le", "100", NULL, "μg/kg", "as_sold", "full", NULL, "U"},
	{"V4", ED_31650, "土霉素/金霉素/四环素", "fresh_eggs", "tetracyclines", "le", "400", NULL, "μg/kg", "edible", "full", NULL, "U"},
	{"V5", ED_31650_1, "多西环素", "fresh_eggs", "doxycycline", "le", "10", NULL, "μg/kg", "edible", "full", NULL, "V-ind", "as printed in sampling bulletins of 2025 (鸡蛋 ≤10 μg/kg)"},
	/* §2.6 prohibited substances: 不得检出 judged at the method's detection limit */
	{"X1", ED_250, "禁止使用的药品及其他化合物", "aquatic", "malachite_green", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V", "bulletin: 草鱼 63.4 μg/kg → 不合格"},
	{"X2", ED_250, "禁止使用的药品及其他化合物", "meat", "clenbuterol", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V", "bulletin: 牛毛肚 0.239 μg/kg → 不合格"},
	{"X2", ED_250, "禁止使用的药品及其他化合物", "meat", "ractopamine", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V"},
	{"X2", ED_250, "禁止使用的药品及其他化合物", "meat", "salbutamol", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V"},
	{"X3", ED_250, "禁止使用的药品及其他化合物", "meat,eggs,aquatic,honey", "chloramphenicol", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V"},
	{"X4", ED_250, "禁止使用的药品及其他化合物", "meat,eggs,aquatic,honey", "nitrofurazone_m", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V"},
	{"X4", ED_250, "禁止使用的药品及其他化合物", "meat,eggs,aquatic,honey", "furazolidone_m", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V"},
	{"X4", ED_250, "禁止使用的药品及其他化合物", "meat,eggs,aquatic,honey", "furaltadone_m", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V"},
	{"X4", ED_250, "禁止使用的药品及其他化合物", "meat,eggs,aquatic,honey", "nitrofurantoin_m", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V"},
	{"X5", ED_250, "禁止使用的药品及其他化合物", "fish,fresh_eggs", "pcp_na", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V"},
	{"X5", ED_250, "禁止使用的药品及其他化合物", "fish,fresh_eggs", "metronidazole", "nd", NULL, NULL, "μg/kg", "edible", "full", NULL, "V"},
	{"X6", ED_NONFOOD, "第2项 苏丹红", "chili_powder,chili_sauce", "sudan_i", "nd", NULL, NULL, "μg/kg", "as_sold", "full", NULL, "V"},
	{"X6", ED_NONFOOD, "第2项 苏丹红", "chili_powder,chili_sauce", "sudan_ii", "nd", NULL, NULL, "μg/kg", "as_sold", "full", NULL, "V"},
	{"X6", ED_NONFOOD, "第2项 苏丹红", "chili_powder,chili_sauce", "sudan_iii", "nd", NULL, NULL, "μg/kg", "as_sold", "full", NULL, "V"},
	{"X6", ED_NONFOOD, "第2项 苏丹红", "chili_powder,chili_sauce", "sudan_iv", "nd", NULL, NULL, "μg/kg", "as_sold", "full", NULL, "V"},
	/* 1 mg/kg is for 婴儿配方食品 only; follow-on and young-child formula are
	 * "其他食品" at 2.5 (the row once covered every infant formula: wrong) */
	{"X7", ED_MELAMINE, "三聚氰胺限量值", "infant_milk_formula", "melamine", "le", "1", NULL, "mg/kg", "as_sold", "full", NULL, "V", "婴儿配方食品; exceeding may not be sold (not 不得检出)"},
	{"X7", ED_MELAMINE, "三聚氰胺限量值", "food", "melamine", "le", "2.5", NULL, "mg/kg", "as_sold", "full", NULL, "V", "其他食品"},
};
const int food_nlimit_seeds = (int)(sizeof food_limit_seeds / sizeof food_limit_seeds[0]);

void food_limit_code(const food_edition *ed, const char *category, const char *analyte, char *buf, size_t n)
{
	snprintf(buf, n, "%s-%s/%s/%s", ed->standard, ed->edition, category, analyte);
}

/* What the product shows as a row's source: the standard and its clause
 * only ("GB 2762-2022 4.7 表7"); a row's internal reference stays here. */
void food_limit_source(const food_edition *ed, const food_limit_seed *s, char *buf, size_t n)
{
	snprintf(buf, n, "%s-%s %s", ed->standard, ed->edition, s->clause ? s->clause : "");
}

/* ---- test-item templates: a sample's items are the union up its chain ---- */

const food_template_seed food_template_seeds[] = {
	{"cereals", "pb"},
	{"grains", "cd,cr,total_as"},
	{"milled", "cd,cr"},
	{"paddy_rice", "hg,inorg_as,afb1,bap"},
	{"brown_rice", "hg,inorg_as,afb1"},
	{"rice", "hg,inorg_as,afb1,bap"},
	{"wheat_flour", "hg,total_as,afb1,don,zen,bap"},
	{"maize_flour", "hg,total_as,afb1,don,zen"},
	{"fresh_veg", "pb,cd"},
	{"pak_choi", "chlorpyrifos"},
	{"celery", "chlorpyrifos,omethoate,phorate,clothianidin,thiamethoxam"},
	{"cowpea", "chlorpyrifos,omethoate,carbofuran,fenthion,clothianidin"},
	{"chinese_chive", "phorate,abamectin,procymidone"},
	{"chili", "carbofuran,clothianidin,thiamethoxam"},
	{"ginger", "chlorpyrifos,carbofuran,clothianidin,thiamethoxam"},
	{"tomato", "chlorpyrifos,omethoate"},
	{"carrot", "chlorpyrifos,phorate"},
	{"potato", "chlorpyrifos"},
	{"pickled_veg", "pb,nitrite,benzoic,so2,sorbic,dehydroacetic,saccharin,cyclamate"},
	{"dried_veg", "pb,so2"},
	{"fresh_fruit", "pb"},
	{"banana", "clothianidin,thiamethoxam"},
	{"citrus", "carbofuran"},
	{"candied_fruit", "benzoic,so2"},
	{"jam", "benzoic"},
	{"dried_fruit", "so2"},
	{"meat_fresh", "pb,hg,clenbuterol,ractopamine,salbutamol"},
	{"pork", "cd,sulfonamides,enrofloxacin,chloramphenicol"},
	{"beef", "cd"},
	{"mutton", "cd"},
	{"chicken", "cd,enrofloxacin,chloramphenicol,furazolidone_m,nitrofurazone_m"},
	{"liver", "cd"},
	{"kidney", "cd"},
	{"meat_products", "pb"},
	{"smoked_meat", "bap,ndma"},
	{"sausage", "ndma"},
	{"braised_meat", "sorbic,dehydroacetic,clenbuterol,chloramphenicol"},
	{"dried_meat", "pb,cd,cr"},
	{"fish", "pb,cd,malachite_green,enrofloxacin,chloramphenicol,furazolidone_m,nitrofurazone_m"},
	{"crustaceans", "pb,cd,nitrofurazone_m,furazolidone_m,enrofloxacin,chloramphenicol,malachite_green"},
	{"marine_shrimp", "so2"},
	{"fish_balls", "cr"},
	{"bivalves", "pb,cd"},
	{"raw_milk", "pb,hg,nitrite,afm1,cr"},
	{"pasteurized_milk", "pb,hg,afm1"},
	{"sterilized_milk", "pb,hg,afm1"},
	{"fermented_milk", "pb,hg,afm1"},
	{"milk_powder", "afm1,melamine"},
	{"eggs", "pb,cd"},
	{"hen_egg", "hg,metronidazole,enrofloxacin,doxycycline,chloramphenicol,furazolidone_m"},
	{"oils", "bap"},
	{"veg_oils", "afb1"},
	{"pulses", "cd,ota,cr"},
	{"peanut", "cd,afb1"},
	{"soy_sauce", "afb1,benzoic"},
	{"vinegar", "afb1,benzoic"},
	{"brewed_paste", "afb1,benzoic"},
	{"star_anise", "so2"},
	{"sichuan_pepper", "so2"},
	{"chili_powder", "sudan_i,sudan_ii,sudan_iii,sudan_iv"},
	{"packaged_water", "pb"},
	{"carbonated", "benzoic"},
	{"apple_juice", "patulin"},
	{"wine", "so2,ota,sorbic"},
	{"biscuits", "so2"},
	{"pastries", "pb,sorbic,benzoic,dehydroacetic,saccharin,cyclamate"},
	{"bread", "sorbic,dehydroacetic,saccharin,cyclamate"},
	{"fungi", "pb,cd,hg,inorg_as"},
	{"hard_candy", "so2"},
	{"frozen_drinks", "benzoic"},
	{"tea_leaves", "pb"},
	{"honey", "chloramphenicol,nitrofurazone_m,furazolidone_m"},
	{"infant_formula", "pb,afb1,melamine,afm1"},
};
const int food_ntemplate_seeds = (int)(sizeof food_template_seeds / sizeof food_template_seeds[0]);

/* ---- deadlines of 食品安全抽样检验管理办法 (DOMAIN.md §11.3), editable ---- */

const food_deadline_seed food_deadline_seeds[] = {
	{"delivery", "抽样后送样", "Deliver samples to the lab", 5, "workdays", "食品安全抽样检验管理办法 第20条", "V-ind", NULL},
	{"report", "收样后出具检验报告", "Test report after receipt", 20, "workdays", "食品安全抽样检验管理办法 第24条", "V-ind", "另有约定的从其约定"},
	{"backup_pass", "合格样品复检备份样品保存", "Keep the backup sample (conforming)", 3, "months", "食品安全抽样检验管理办法 第25条", "V-ind", "or until shelf life ends"},
	{"backup_fail", "不合格样品复检备份样品保存", "Keep the backup sample (non-conforming)", 6, "months", "食品安全抽样检验管理办法 第25条", "V-ind", "or until shelf life ends"},
	{"notify_pass", "合格结果报送组织抽检部门", "Report a conforming result", 10, "workdays", "食品安全抽样检验管理办法 第26条", "U", "exact 2019 wording unverified"},
	{"notify_fail", "不合格结果报送组织抽检部门", "Report a non-conforming result", 2, "workdays", "食品安全抽样检验管理办法 第26条", "U", "exact 2019 wording unverified"},
	{"serve", "不合格结果送达被抽样单位", "Serve the non-conforming result", 5, "workdays", "食品安全抽样检验管理办法 第29条", "U", "one source says 7 working days"},
	{"retest_apply", "申请复检", "Apply for a re-test", 7, "workdays", "食品安全法 第八十八条; 食品安全抽样检验管理办法 第30条", "V", "逾期未提出的，视为认可"},
	{"retest_accept", "复检受理决定", "Decide whether to accept a re-test", 5, "workdays", "食品安全抽样检验管理办法 第32条", "V-ind", "the 2018 notice said 7"},
	{"retest_lab", "随机确定复检机构", "Draw the re-test lab", 5, "workdays", "食品安全抽样检验管理办法 第32条", "V-ind", "+5 working days for objective reasons"},
	{"retest_report", "复检结论报送", "Re-test conclusion", 10, "workdays", "食品安全抽样检验管理办法 第33条", "V-ind", "from receipt of the backup sample"},
	{"objection_sampling", "对抽样过程有异议", "Objection to the sampling process", 7, "workdays", "食品安全抽样检验管理办法 第35条", "V-ind", "after sampling was completed"},
	{"objection_result", "对检验结论等有异议", "Objection to the result, method or standard", 7, "workdays", "食品安全抽样检验管理办法 第35条", "V-ind", "from receipt of the non-conforming conclusion"},
	{"objection_accept", "异议受理决定", "Decide whether to accept an objection", 5, "workdays", "食品安全抽样检验管理办法 第37条", "V-ind", NULL},
	{"objection_review", "异议审核完毕", "Finish reviewing an objection", 20, "workdays", "食品安全抽样检验管理办法 第37/38条", "U", NULL},
	{"disposal", "完成核查处置", "Complete the verification and disposal", 90, "days", "食品安全抽样检验管理办法 第45条", "U", "extension on written approval of the head of the regulator"},
};
const int food_ndeadline_seeds = (int)(sizeof food_deadline_seeds / sizeof food_deadline_seeds[0]);

/* ---- dictionaries of the area ---- */

const char *const food_dict_seeds[][4] = {
	{"food_level", "root", "根", "Root"}, {"food_level", "major", "大类", "Category"},
	{"food_level", "sub", "亚类", "Sub-category"}, {"food_level", "minor", "次亚类", "Minor category"},
	{"food_level", "fine", "细类", "Fine category"}, {"food_level", "food", "食品", "Food"},
	{"analyte_kind", "contaminant", "污染物", "Contaminant"}, {"analyte_kind", "mycotoxin", "真菌毒素", "Mycotoxin"},
	{"analyte_kind", "pesticide", "农药残留", "Pesticide residue"}, {"analyte_kind", "additive", "食品添加剂", "Food additive"},
	{"analyte_kind", "vet_drug", "兽药残留", "Veterinary drug residue"}, {"analyte_kind", "prohibited", "禁用物质/非食用物质", "Prohibited substance"},
	{"analyte_kind", "microbe", "微生物", "Microbiological"}, {"analyte_kind", "quality", "质量指标", "Quality indicator"},
	{"limit_cmp", "le", "≤", "at most"}, {"limit_cmp", "lt", "<", "below"},
	{"limit_cmp", "ge", "≥", "at least"}, {"limit_cmp", "gt", ">", "above"},
	{"limit_cmp", "range", "范围(含)", "range (inclusive)"}, {"limit_cmp", "range_excl", "范围(不含)", "range (exclusive)"},
	{"limit_cmp", "tol", "允差 ±", "tolerance ±"}, {"limit_cmp", "nd", "不得检出", "must not be detected"},
	{"limit_basis", "edible", "以可食部分计", "Edible portion"}, {"limit_basis", "as_sold", "以产品计", "Product as sold"},
	{"limit_basis", "brown_rice", "以糙米计", "Brown-rice basis"}, {"limit_basis", "dry_weight", "以干重计", "Dry weight"},
	{"limit_basis", "solid_product", "以固态产品计", "Solid product"}, {"limit_basis", "eviscerated", "去除内脏", "Eviscerated"},
	{"limit_basis", "fresh_equivalent", "以相应新鲜食品限量结合脱水率折算", "Fresh-food limit converted by the dehydration rate"},
	{"limit_basis", "raw_milk_equivalent", "按生乳折算", "Raw-milk equivalent"}, {"limit_basis", "skin_and_muscle", "皮+肉", "Skin and muscle"},
	{"judge_method", "full", "全数值比较法", "Full-value comparison"}, {"judge_method", "rounded", "修约值比较法", "Rounded-value comparison"},
	{"verification", "V", "已核实", "Verified"}, {"verification", "V-ind", "间接核实", "Verified indirectly"},
	{"verification", "D", "推导", "Derived"}, {"verification", "U", "未核实", "Unverified"},
	{"deadline_unit", "workdays", "工作日", "Working days"}, {"deadline_unit", "days", "自然日", "Calendar days"},
	{"deadline_unit", "months", "月", "Months"},
	{"deadline_unit", "days_roll", "自然日（末日为法定休假日的顺延至其后第一个工作日）", "Calendar days, rolled past a rest day (民法典 Art. 203)"},
	{"plan_kind", "annual", "年度计划", "Annual plan"}, {"plan_kind", "special", "专项抽检", "Special campaign"},
	{"sampling_link", "production", "生产环节", "Production"}, {"sampling_link", "distribution", "流通环节", "Distribution"},
	{"sampling_link", "catering", "餐饮环节", "Catering"}, {"sampling_link", "online", "网络销售", "Online"},
	{"sample_kind", "supervision", "监督抽检", "Supervision sampling"}, {"sample_kind", "risk_monitoring", "风险监测", "Risk monitoring"},
	{"conclusion", "pass", "合格", "Conforming"}, {"conclusion", "fail", "不合格", "Non-conforming"},
	{"conclusion", "pending", "待人工判定", "Awaiting a person's decision"},
	{"item_verdict", "pass", "符合", "Conforms"}, {"item_verdict", "fail", "不符合", "Does not conform"},
	{"item_verdict", "no_limit", "无适用限量，待人工判定", "No applicable limit: a person decides"},
	{"item_verdict", "undecidable", "无法判定，待人工判定", "Cannot be decided: a person decides"},
	{"spec_source", "national", "食品安全国家标准", "National food safety standard"},
	{"spec_source", "product_standard", "产品明示标准", "Declared product standard"},
	{"spec_source", "label_claim", "标签明示值", "Label claim"}, {"spec_source", "contract", "合同约定", "Contract"},
	{"retest_refusal", "microbial", "微生物指标不合格", "Microbiological indicator non-conforming"},
	{"retest_refusal", "backup_expired", "备份样品超过保质期", "Backup sample past its shelf life"},
	{"retest_refusal", "late", "逾期提出", "Applied late"},
	{"retest_refusal", "unusable", "备份样品无法实现复检目的", "Backup sample cannot serve the purpose"},
	{"retest_refusal", "other", "法律法规规章规定的其他情形", "Other cases set by law"},
	{"fee_payer", "applicant", "复检申请人", "Applicant"}, {"fee_payer", "regulator", "实施抽检的部门", "Sampling regulator"},
	{"objection_kind", "sampling", "对抽样过程有异议", "Sampling process"},
	{"objection_kind", "authenticity", "对样品真实性有异议", "Sample authenticity"},
	{"objection_kind", "method", "对检验方法有异议", "Test method"}, {"objection_kind", "standard", "对标准适用有异议", "Applicable standard"},
	{"objection_outcome", "upheld", "异议成立", "Upheld"}, {"objection_outcome", "dismissed", "异议不成立", "Dismissed"},
	{"disposal_kind", "business", "被抽样单位核查处置", "Sampled business"},
	{"disposal_kind", "producer", "标称生产者核查处置", "Labelled producer"},
	{"disposal_kind", "notification", "异地通报协查", "Notification to another region"},
};
const int food_ndict_seeds = (int)(sizeof food_dict_seeds / sizeof food_dict_seeds[0]);
