"""Hand-written text of the held-out split. Do not read this file when working on a filter.

Same structure as text_dev.py, with other topics, field names, templates and sentence banks on
purpose, so that a filter tuned on dev's surface does not carry over for free.
"""

ITEMS = [
    # --- world and modern history -------------------------------------------------------------
    (
        "history",
        "北美殖民地的代表们在一七七六年宣布脱离英国，这份文件后来被看作美国建国的标志。",
        {
            "uid": "u-7f01",
            "context": "1776年，北美十三个殖民地的代表在费城通过了《独立宣言》，宣布脱离英国独立。请选出最恰当的一项：",
            "options": {
                "A": "《独立宣言》标志着美国的诞生",
                "B": "《独立宣言》由拿破仑起草",
                "C": "独立战争以英国胜利告终",
                "D": "宣言发表后北美立即废除了奴隶制",
            },
            "gold": "A",
        },
    ),
    (
        "history",
        "工业革命从英国开始，纺织机械和蒸汽动力先后投入使用，工厂慢慢替代了手工作坊。",
        {
            "uid": "u-7f02",
            "context": "十八世纪六十年代，英国率先开始工业革命，珍妮纺纱机和改良蒸汽机相继出现。下列表述错误的一项是：",
            "options": {
                "A": "工业革命使工厂逐渐取代手工工场",
                "B": "瓦特改良了蒸汽机",
                "C": "工业革命首先发生在法国",
                "D": "工业革命推动了城市化进程",
            },
            "gold": "C",
        },
    ),
    (
        "history",
        "亚历山大二世签署法令以后，俄国农奴在法律上获得了自由，不过旧制度的痕迹仍然很多。",
        {
            "item_id": "HX1103",
            "stem": "1861年，俄国沙皇亚历山大二世签署法令，宣布废除农奴制。关于这次改革，请选出最恰当的一项：",
            "opts": [
                "改革使农奴获得了人身自由",
                "改革完全没有保留封建残余",
                "改革发生在日本明治维新之后",
                "改革后俄国退出了欧洲事务",
            ],
            "key": "A",
        },
    ),
    (
        "history",
        "明治政府提倡发展近代工业，推广国民教育，日本由此转向资本主义，但也很快走上了对外扩张的道路。",
        {
            "item_id": "HX1104",
            "stem": "1868年以后，日本实行明治维新，在政治、经济、军事和教育等方面进行了一系列改革。下列表述错误的一项是：",
            "opts": [
                "改革提出“殖产兴业”",
                "改革推行义务教育",
                "改革使日本走上了资本主义道路",
                "改革废除了一切对外战争的准备",
            ],
            "key": "D",
        },
    ),
    (
        "history",
        "一九一九年的爱国运动由学生发起，工人随后罢工声援，这场运动被看作新民主主义革命的起点。",
        {
            "sample_id": "s-0501",
            "prompt": "1919年的五四运动以青年学生为先锋，后来工人阶级登上政治舞台。结合材料，说明五四运动的历史意义。",
            "completion": "五四运动是一次彻底的反帝反封建的爱国运动，标志着中国新民主主义革命的开端，促进了马克思主义在中国的传播。",
        },
    ),
    (
        "history",
        "凡尔登一役打了将近十个月，死伤人数极其惊人，士兵们用绞肉机来形容那片战场。",
        {
            "uid": "u-7f06",
            "context": "第一次世界大战期间，1916年的凡尔登战役持续近十个月，双方伤亡数十万人，被称为“绞肉机”。请选出最恰当的一项：",
            "options": {
                "A": "这场战役发生在英国本土",
                "B": "这场战役体现了战争的残酷性",
                "C": "这场战役结束了第二次世界大战",
                "D": "这场战役中首次使用了原子弹",
            },
            "gold": "B",
        },
    ),
    (
        "history",
        "二战结束那年各国在旧金山开会，签署宪章，成立了以维护和平为宗旨的国际组织。",
        {
            "item_id": "HX1107",
            "stem": "1945年，联合国在旧金山会议后正式成立，总部后来设在纽约。下列表述错误的一项是：",
            "opts": [
                "联合国的宗旨之一是维护国际和平与安全",
                "中国是安理会常任理事国之一",
                "联合国成立于第一次世界大战之后不久",
                "联合国宪章在旧金山会议上通过",
            ],
            "key": "C",
        },
    ),
    (
        "history",
        "南京条约让清政府割让香港岛、支付巨额赔款，并且开放了沿海五座城市通商。",
        {
            "sample_id": "s-0502",
            "prompt": "鸦片战争后，清政府被迫签订《南京条约》。请写出该条约中割地、赔款和开放通商口岸的主要内容。",
            "completion": "割香港岛给英国；赔款二千一百万银元；开放广州、厦门、福州、宁波、上海五处为通商口岸。",
        },
    ),
    # --- chemistry ----------------------------------------------------------------------------
    (
        "chemistry",
        "二氧化碳通进石灰水里先出现白色沉淀，气体再多一些，沉淀又会溶解，液体重新变得透明。",
        {
            "uid": "u-7f09",
            "context": "向澄清石灰水中持续通入二氧化碳气体，溶液先变浑浊，继续通入后又逐渐变澄清。请选出最恰当的一项：",
            "options": {
                "A": "变浑浊是因为生成了碳酸钙沉淀",
                "B": "变澄清是因为碳酸钙分解",
                "C": "该过程中没有发生化学变化",
                "D": "二氧化碳能使石灰水变红",
            },
            "gold": "A",
        },
    ),
    (
        "chemistry",
        "铁要同时碰到水和氧气才会锈蚀，铁锈很疏松，挡不住里面的铁继续被腐蚀。",
        {
            "item_id": "HX1110",
            "stem": "铁制品在潮湿的空气中容易生锈，生活中常采取多种措施防止铁生锈。下列表述错误的一项是：",
            "opts": [
                "在铁制品表面刷油漆可以防锈",
                "铁生锈需要同时接触氧气和水",
                "把铁锅洗净擦干可以减缓生锈",
                "铁锈的主要成分是四氧化三铁，结构致密能保护内部的铁",
            ],
            "key": "D",
        },
    ),
    (
        "chemistry",
        "",
        {
            "sample_id": "s-0503",
            "prompt": "实验室用含碳酸钙80%的石灰石25 g与足量稀盐酸反应，最多可以制得二氧化碳多少克？",
            "completion": "碳酸钙质量为25 g×80%=20 g，由CaCO3～CO2可知，100∶44=20 g∶x，解得x=8.8 g。",
        },
    ),
    (
        "chemistry",
        "醋酸能和水垢里的碳酸钙发生反应，所以家里常用白醋来清洗烧水壶。",
        {
            "uid": "u-7f12",
            "context": "家庭厨房中的一些物质可以用来做简单的化学实验。用食醋除去水壶中的水垢，请选出最恰当的一项：",
            "options": {
                "A": "水垢的主要成分含有碳酸钙",
                "B": "食醋的主要成分是氢氧化钠",
                "C": "这一过程属于物理变化",
                "D": "食醋除水垢时不会产生气体",
            },
            "gold": "A",
        },
    ),
    # --- geography ----------------------------------------------------------------------------
    (
        "geography",
        "我国西部高、东部低，像台阶一样分成三级，青藏高原处在最高的那一级上。",
        {
            "item_id": "HX1113",
            "stem": "我国地势西高东低，呈三级阶梯状分布，许多大河自西向东流入海洋。请选出最恰当的一项：",
            "opts": [
                "青藏高原位于第一级阶梯",
                "四川盆地位于第三级阶梯",
                "长江发源于东北平原",
                "地势西高东低不利于河流东流",
            ],
            "key": "A",
        },
    ),
    (
        "geography",
        "东部季风区的雨水集中在夏天，高温和降雨同时到来，对庄稼生长很有利。",
        {
            "uid": "u-7f14",
            "context": "我国东部季风区夏季普遍高温多雨，冬季南北温差很大。下列表述错误的一项是：",
            "options": {
                "A": "夏季风主要来自海洋",
                "B": "冬季北方比南方寒冷得多",
                "C": "季风区的降水主要集中在冬季",
                "D": "雨热同期有利于农作物生长",
            },
            "gold": "C",
        },
    ),
    (
        "geography",
        "北回归线以北的地方，太阳永远不会从头顶正上方照下来，夏至那天中午的太阳最高。",
        {
            "sample_id": "s-0504",
            "prompt": "某地一年中正午太阳高度角在夏至日达到最大值，在冬至日达到最小值，但全年都不会出现太阳直射。判断该地位于北半球的什么纬度范围。",
            "completion": "位于北回归线以北的北半球地区（约北纬23.5°以北），因为只有这些地区全年没有太阳直射，且正午太阳高度在夏至日最大。",
        },
    ),
    (
        "geography",
        "河流上段山高谷深、水势湍急，适合建设水电站；下段地势平缓，泥沙堆积成平原。",
        {
            "item_id": "HX1116",
            "stem": "河流的上游往往落差大、水流急，下游则多形成冲积平原。请选出最恰当的一项：",
            "opts": [
                "上游适合修建水电站",
                "下游河道通常比上游狭窄",
                "冲积平原土壤贫瘠不宜耕作",
                "上游一般水流最缓慢",
            ],
            "key": "A",
        },
    ),
    # --- physics ------------------------------------------------------------------------------
    (
        "physics",
        "两个电阻首尾相接时总电阻是它们的和，十欧的总电阻接十伏电源，电流正好一安。",
        {
            "uid": "u-7f17",
            "context": "将两个阻值分别为4 Ω和6 Ω的电阻串联后接在10 V的电源两端。请选出最恰当的一项：",
            "options": {
                "A": "电路中的电流为1 A",
                "B": "4 Ω电阻两端电压为6 V",
                "C": "两电阻消耗的功率相等",
                "D": "总电阻为2.4 Ω",
            },
            "gold": "A",
        },
    ),
    (
        "physics",
        "冷饮瓶外面挂的水珠，其实是周围空气里的水汽遇冷凝结出来的，并不是里面漏出来的。",
        {
            "item_id": "HX1118",
            "stem": "夏天从冰箱里拿出一瓶饮料，不久瓶子外壁就出现了一层小水珠。下列表述错误的一项是：",
            "opts": [
                "小水珠是空气中的水蒸气液化形成的",
                "这一过程需要放热",
                "小水珠是饮料从瓶内渗出形成的",
                "冬天戴眼镜进入温暖的室内也会出现类似现象",
            ],
            "key": "C",
        },
    ),
    (
        "physics",
        "",
        {
            "sample_id": "s-0505",
            "prompt": "一个质量为60 kg的人站在水平地面上，每只鞋底与地面的接触面积为200 cm²。求他双脚站立时对地面的压强（g取10 N/kg）。",
            "completion": "压力F=G=mg=600 N，受力面积S=2×200 cm²=0.04 m²，压强p=F/S=15000 Pa。",
        },
    ),
    # --- law ----------------------------------------------------------------------------------
    (
        "law",
        "十五岁的孩子偷东西，只要不属于那几种严重罪行，就不追究刑事责任，但家长必须好好管教。",
        {
            "uid": "u-7f20",
            "context": "我国刑法规定，已满十六周岁的人犯罪，应当负刑事责任。十五岁的李某盗窃同学手机一部，价值三千元。请选出最恰当的一项：",
            "options": {
                "A": "李某应当对盗窃罪负刑事责任",
                "B": "李某不负刑事责任，但可以责令其家长加以管教",
                "C": "李某应当被判处无期徒刑",
                "D": "李某的行为不违法",
            },
            "gold": "B",
        },
    ),
    (
        "law",
        "没有遗嘱时按法定继承办理，配偶、子女和父母都排在第一顺序，一起分得遗产。",
        {
            "item_id": "HX1121",
            "stem": "赵某去世时没有留下遗嘱，他的父母、妻子和一个女儿均健在。关于遗产继承，请选出最恰当的一项：",
            "opts": [
                "只有妻子可以继承",
                "父母、妻子和女儿作为第一顺序继承人共同继承",
                "女儿已出嫁不能继承",
                "遗产应全部归国家所有",
            ],
            "key": "B",
        },
    ),
    (
        "law",
        "未经作者许可把小说放到网上让人随便看，哪怕一分钱不收，也侵犯了著作权。",
        {
            "uid": "u-7f22",
            "context": "某作家创作了一部小说，未经其许可，一家网站将全文上传供读者免费阅读。下列表述错误的一项是：",
            "options": {
                "A": "该网站侵犯了作家的信息网络传播权",
                "B": "作家可以要求网站停止侵权并赔偿损失",
                "C": "只要不收费，网站就不构成侵权",
                "D": "作品自创作完成之日起即享有著作权",
            },
            "gold": "C",
        },
    ),
    (
        "law",
        "职工上下班路上出了车祸，只要自己不负主要责任，按规定就算工伤。",
        {
            "sample_id": "s-0506",
            "prompt": "某超市员工刘某在下班途中遭遇非本人主要责任的交通事故受伤。刘某的情形能否认定为工伤？请说明依据。",
            "completion": "可以认定为工伤。根据《工伤保险条例》，在上下班途中受到非本人主要责任的交通事故伤害的，应当认定为工伤。",
        },
    ),
    (
        "law",
        "阳台上的东西掉下去砸坏别人的车，主人如果证明不了自己没有过错，就要赔偿。",
        {
            "item_id": "HX1124",
            "stem": "邻居甲在自家阳台上堆放花盆，一天花盆被风吹落，砸坏了楼下乙停放的汽车。请选出最恰当的一项：",
            "opts": [
                "因为是大风造成的，甲不承担任何责任",
                "甲作为所有人或管理人，不能证明自己没有过错的，应当承担侵权责任",
                "应由物业公司单独承担全部责任",
                "乙只能自认倒霉",
            ],
            "key": "B",
        },
    ),
    (
        "law",
        "对行政罚款不服，可以申请复议，也可以直接到法院起诉，数额较大的罚款还能要求听证。",
        {
            "uid": "u-7f25",
            "context": "某市市场监督管理局对一家餐馆作出罚款二万元的行政处罚决定，餐馆对此不服。下列表述错误的一项是：",
            "options": {
                "A": "餐馆可以依法申请行政复议",
                "B": "餐馆可以依法提起行政诉讼",
                "C": "作出较大数额罚款前，当事人有权要求听证",
                "D": "餐馆不服只能私下找执法人员协商，不能寻求法律救济",
            },
            "gold": "D",
        },
    ),
    # --- medicine -----------------------------------------------------------------------------
    (
        "medicine",
        "吃头孢期间喝酒，人会脸红、头疼、心跳加快，医生把这叫作双硫仑样反应。",
        {
            "item_id": "HX1126",
            "stem": "患者服用头孢类抗生素期间及停药后一段时间内饮酒，可能出现面部潮红、头痛、心慌等症状。请选出最恰当的一项：",
            "opts": [
                "这种反应称为双硫仑样反应",
                "饮酒可以增强头孢类药物的疗效",
                "这些症状说明药物已经失效",
                "服药期间少量饮用啤酒没有风险",
            ],
            "key": "A",
        },
    ),
    (
        "medicine",
        "照顾卧床老人要经常帮他翻身，床铺保持干爽，发红的骨头突出处不要使劲揉。",
        {
            "uid": "u-7f27",
            "context": "护士为长期卧床的老年患者进行护理时，需要注意预防压疮。下列表述错误的一项是：",
            "options": {
                "A": "应定时协助患者翻身",
                "B": "保持床单清洁、干燥、平整",
                "C": "骨突出部位可以用力按摩以促进血液循环",
                "D": "加强营养，增强皮肤抵抗力",
            },
            "gold": "C",
        },
    ),
    (
        "medicine",
        "有人吃饭时被食物卡住喉咙、发不出声音，要马上从背后抱住他，向上向内冲击上腹部。",
        {
            "sample_id": "s-0507",
            "prompt": "一名中年男子在用餐时突然无法说话和咳嗽，双手掐住自己的喉咙，面色发紫。旁人应该如何进行急救？",
            "completion": "判断为气道异物梗阻，应立即采用海姆立克急救法：站在患者身后，双臂环抱其腰部，一手握拳抵住肚脐上方，另一手包住拳头，快速向内向上冲击，直到异物排出。",
        },
    ),
    (
        "medicine",
        "孩子发烧时让他多喝水、多休息，不要用厚被子捂汗，退烧药也不能按大人的量给。",
        {
            "item_id": "HX1129",
            "stem": "儿童发热是门诊常见的症状，家长在家护理时需要掌握正确的方法。请选出最恰当的一项：",
            "opts": [
                "体温一升高就立即使用多种退烧药",
                "发热时应适当多饮水并注意休息",
                "应给孩子捂厚被子发汗",
                "退烧药可以按照成人剂量服用",
            ],
            "key": "B",
        },
    ),
    (
        "medicine",
        "幽门螺杆菌是一种细菌，会在一起吃饭时传来传去，用公筷和分餐能减少感染。",
        {
            "uid": "u-7f30",
            "context": "幽门螺杆菌感染与慢性胃炎和消化性溃疡密切相关，主要通过口—口途径传播。请选出最恰当的一项：",
            "options": {
                "A": "提倡使用公筷、分餐可以减少传播",
                "B": "幽门螺杆菌是一种病毒",
                "C": "感染后不会引起任何疾病",
                "D": "它只通过血液传播",
            },
            "gold": "A",
        },
    ),
    (
        "medicine",
        "",
        {
            "sample_id": "s-0508",
            "prompt": "某患者需要静脉输液500 mL，医嘱要求在4小时内输完，所用输液器的滴系数为15滴/mL。每分钟应调节为多少滴？",
            "completion": "每分钟滴数=500 mL×15滴/mL÷240分钟≈31滴。",
        },
    ),
    # --- maths --------------------------------------------------------------------------------
    (
        "maths",
        "先涨两成再降两成，价格并不会回到原点，因为第二次是在更高的价格上打折的。",
        {
            "sample_id": "s-0509",
            "prompt": "某商品原价为250元，先提价20%，再降价20%，现价是多少元？比原价高还是低？",
            "completion": "现价=250×1.2×0.8=240元，比原价低10元。",
        },
    ),
    (
        "maths",
        "圆柱的容积等于底面积乘高，算出立方分米以后，直接换成升就可以了。",
        {
            "sample_id": "s-0510",
            "prompt": "一个圆柱形水桶的底面半径是2分米，高是5分米，它最多能装多少升水？（π取3.14）",
            "completion": "容积=3.14×2²×5=62.8立方分米，即62.8升。",
        },
    ),
    (
        "maths",
        "",
        {
            "sample_id": "s-0511",
            "prompt": "一个口袋里装有3个红球和5个白球，这些球除颜色外完全相同。从中随机摸出两个球，两个都是红球的概率是多少？",
            "completion": "P=C(3,2)/C(8,2)=3/28。",
        },
    ),
    (
        "maths",
        "两种盐水混在一起，先分别算出含盐多少克，再除以混合后的总质量。",
        {
            "item_id": "HX1135",
            "stem": "把浓度为20%的盐水300克与浓度为50%的盐水200克混合在一起，混合后盐水的浓度是多少？",
            "opts": ["30%", "32%", "35%", "40%"],
            "key": "B",
        },
    ),
    (
        "maths",
        "存款利息等于本金乘利率再乘存期，到期拿到的钱是本金加利息。",
        {
            "sample_id": "s-0512",
            "prompt": "王阿姨把20000元存入银行，定期三年，年利率为2.75%。到期时她一共可以取回多少元？",
            "completion": "利息=20000×2.75%×3=1650元，本息合计21650元。",
        },
    ),
    (
        "maths",
        "",
        {
            "sample_id": "s-0513",
            "prompt": "时钟的时针和分针在3点整时成90度角。从3点开始，至少再经过多少分钟两针第一次重合？",
            "completion": "分针每分钟比时针多走5.5度，90÷5.5=16又4/11分钟。",
        },
    ),
    (
        "maths",
        "",
        {
            "item_id": "HX1138",
            "stem": "一个等差数列的第3项是7，第7项是19，那么这个等差数列的第20项是多少？",
            "opts": ["55", "58", "61", "64"],
            "key": "B",
        },
    ),
    (
        "maths",
        "按比例分配的题目，先找出相差的份数对应多少本，再求每一份是多少。",
        {
            "sample_id": "s-0514",
            "prompt": "学校图书馆的故事书和科技书本数之比是5∶3，故事书比科技书多240本。两种书各有多少本？",
            "completion": "每份为240÷(5-3)=120本，故事书600本，科技书360本。",
        },
    ),
    # --- reading comprehension ----------------------------------------------------------------
    (
        "reading",
        "修表的老师傅发现，如今上门的顾客并不缺看时间的工具，他们放不下的是表里的回忆。",
        {
            "no": "R417",
            "article": "老街尽头有一家修表铺，店主老周已经在这里坐了三十多年。他戴着放大镜，用镊子夹起比米粒还小的齿轮，动作轻得像在呼吸。这些年来找他修表的人越来越少，手机早已替代了手表报时的功能。可老周说，来的人大多不是为了看时间，而是舍不得那块表背后的故事。",
            "question": "阅读下面的文字，完成问题：老周认为人们来修表的主要原因是什么？",
            "answer": "舍不得手表背后承载的故事和情感，而不是为了看时间。",
        },
    ),
    (
        "reading",
        "如今给稻田打药用上了无人机，按设定路线飞一趟就完事，农民不用再背着药箱下田。",
        {
            "no": "R418",
            "article": "在江汉平原的稻田上空，几架植保无人机按照预先规划的航线来回飞行，十几分钟就能完成一块田的喷药作业。过去同样的工作，需要农民背着药桶在田里走上大半天，还容易吸入药雾。如今，种粮大户只需在手机上设置好参数，就能远程查看作业进度。",
            "question": "阅读下面的文字，完成问题：与过去相比，无人机喷药有哪些优势？",
            "answer": "效率高，省时省力，减少农民吸入药雾的风险，还能远程查看进度。",
        },
    ),
    (
        "reading",
        "海水太热时，住在珊瑚里的藻类会离开，珊瑚就变白了；水温早点降下来，它还有救。",
        {
            "no": "R419",
            "article": "珊瑚的美丽颜色来自与它共生的微小藻类。当海水温度持续偏高时，这些藻类会离开珊瑚，珊瑚随之失去颜色，变成一片惨白，这种现象叫做白化。短期的白化并不意味着死亡，如果水温及时恢复，藻类还可能重新回来；但如果高温持续太久，珊瑚就会因为缺乏营养而死去。",
            "question": "阅读下面的文字，完成问题：珊瑚白化后一定会死亡吗？为什么？",
            "answer": "不一定。如果水温及时恢复，共生藻类可能回来，珊瑚可以恢复；高温持续过久才会导致死亡。",
        },
    ),
    (
        "reading",
        "奶奶每个星期天晚上打电话来，有一回我急着挂断，后来才知道那天是她过生日。",
        {
            "no": "R420",
            "article": "奶奶不会写字，每周日晚上都要用座机给在外地读书的我打电话。她说的是老家的方言，开头总是问我吃饱没有，结尾总是叮嘱我别熬夜。有一次我因为赶作业匆匆挂了电话，后来才知道那天是她的生日。从那以后，每个周日晚上我都会提前把作业做完，等着那通电话。",
            "question": "阅读下面的文字，完成问题：“我”后来为什么提前做完作业？",
            "answer": "因为曾经匆忙挂断奶奶生日那天的电话而感到愧疚，想专心接听奶奶的电话。",
        },
    ),
    (
        "reading",
        "把电线、水管、燃气管都放进地下隧道统一管理，修理时就不用一次次把路面挖开了。",
        {
            "no": "R421",
            "article": "综合管廊是建在城市地下的一条隧道，电力、通信、供水、燃气等各种管线都被集中安放在里面。以前维修管线常常要把马路挖开，给交通带来很大不便，人们形象地称之为“马路拉链”。有了管廊以后，检修人员可以直接进入隧道作业，路面不再反复开挖。",
            "question": "阅读下面的文字，完成问题：文中“马路拉链”指的是什么现象？",
            "answer": "为维修地下管线而反复开挖路面的现象。",
        },
    ),
    (
        "reading",
        "蜜蜂靠跳舞告诉同伴花蜜在哪里，花近就转圈，花远就跳一种扭动身体的八字形舞。",
        {
            "no": "R422",
            "article": "侦察蜂找到蜜源后，会回到蜂巢用特殊的舞蹈向同伴传递信息。如果蜜源很近，它就跳圆圈舞；如果蜜源较远，它就跳“8”字摆尾舞，摆尾的方向表示蜜源相对于太阳的方位，舞蹈持续的时间则与距离有关。",
            "question": "阅读下面的文字，完成问题：侦察蜂如何表示远处蜜源的方向？",
            "answer": "通过“8”字摆尾舞中摆尾的方向，表示蜜源相对于太阳的方位。",
        },
    ),
    (
        "reading",
        "咖啡馆门口的共享书架允许随便取书，结果大家还书又捐书，一个月后书反倒变多了。",
        {
            "no": "R423",
            "article": "上个月，我们社区的咖啡馆门口多了一个木质书架，上面写着“图书漂流站”。规则很简单：你可以免费拿走一本书，读完后再放回来，或者换上一本自己的旧书。起初有人担心书会越拿越少，没想到一个月下来，书架上的书反而比刚开始时多了二十几本。",
            "question": "阅读下面的文字，完成问题：图书漂流站的书为什么没有越拿越少？",
            "answer": "因为人们读完后会放回，并且还会带来自己的旧书补充。",
        },
    ),
    (
        "reading",
        "林场工人先在沙丘上用麦草扎出方格挡风固沙，再把耐旱的灌木苗种进去。",
        {
            "no": "R424",
            "article": "梭梭是一种生长在荒漠中的灌木，它的根可以扎到地下十几米深的地方吸收水分。为了防止风沙侵袭，当地林场的工人每年春天都会在沙丘上扎草方格，再在格子里种下梭梭苗。草方格能降低风速、固定沙面，给幼苗争取生长的时间。",
            "question": "阅读下面的文字，完成问题：工人为什么要先扎草方格再种梭梭？",
            "answer": "草方格能降低风速、固定沙面，为梭梭幼苗的生长争取时间。",
        },
    ),
    # --- classical poetry and idioms ----------------------------------------------------------
    (
        "poetry",
        "杜甫写长安沦陷后的春天，山河还在，城里却荒草丛生，读来十分沉痛。",
        {
            "sample_id": "s-0515",
            "prompt": "默写：杜甫《春望》中“国破山河在”的下一句是什么？这一联表现了怎样的景象？",
            "completion": "城春草木深；写出了国都沦陷后山河依旧、城中荒凉、草木丛生的景象。",
        },
    ),
    (
        "poetry",
        "王维笔下的沙漠里，一道烟笔直升起，落日浑圆，横线、竖线和圆形组成了一幅画。",
        {
            "sample_id": "s-0516",
            "prompt": "王维的诗句“大漠孤烟直，长河落日圆”描绘了怎样的画面？请从线条或色彩的角度简要赏析。",
            "completion": "描绘了边塞雄浑辽阔的景象；“直”与“圆”形成线条对比，画面简洁开阔，意境壮美。",
        },
    ),
    (
        "poetry",
        "给蛇画上脚的人反而输了比赛，这个故事告诉我们多此一举往往坏事。",
        {
            "item_id": "HX1150",
            "stem": "成语常常来源于古代寓言故事。下面对成语“画蛇添足”的理解，请选出最恰当的一项：",
            "opts": [
                "比喻做了多余的事，反而弄巧成拙",
                "形容画画技术非常高超",
                "比喻做事前要充分准备",
                "形容事物变化很快",
            ],
            "key": "A",
        },
    ),
    (
        "poetry",
        "羊跑丢以后赶紧把羊圈修好，还来得及，这个成语讲的是出错后及时改正。",
        {
            "uid": "u-7f51",
            "context": "“亡羊补牢”这个成语出自《战国策·楚策》，其中的几个字古今意思不同。下列表述错误的一项是：",
            "options": {
                "A": "“亡”在这里是丢失的意思",
                "B": "“牢”指关牲畜的圈",
                "C": "这个成语比喻出了问题后及时补救还不算晚",
                "D": "这个成语比喻事情已无法挽回，再补救也没有意义",
            },
            "gold": "D",
        },
    ),
    # --- English ------------------------------------------------------------------------------
    (
        "english",
        "The Andes run down the whole west side of South America and beat every other mountain chain on land for length.",
        {
            "uid": "u-7f52",
            "context": "Which mountain range, stretching along the western edge of South America for about seven thousand kilometres, is the longest continental range on Earth?",
            "options": {"A": "The Rockies", "B": "The Andes", "C": "The Alps", "D": "The Himalayas"},
            "gold": "B",
        },
    ),
    (
        "english",
        "Before he became famous, Einstein checked patent applications in Switzerland, and relativity appeared in his miracle year.",
        {
            "item_id": "HX1153",
            "stem": "Which scientist, who worked in a patent office in Bern as a young man, published the special theory of relativity in 1905?",
            "opts": ["Isaac Newton", "Marie Curie", "Albert Einstein", "Niels Bohr"],
            "key": "C",
        },
    ),
    (
        "english",
        "More people grow up speaking Mandarin at home than any other language on the planet.",
        {
            "item_id": "HX1154",
            "stem": "Which language has the largest number of native speakers in the world, with close to a billion people who learned it first at home?",
            "opts": ["English", "Spanish", "Hindi", "Mandarin Chinese"],
            "key": "D",
        },
    ),
    (
        "english",
        "Gold is written Au on the periodic table because the Romans called the metal aurum.",
        {
            "sample_id": "s-0517",
            "prompt": "Q: What is the chemical symbol for gold, taken from the Latin word for the metal used by the ancient Romans?\nA:",
            "completion": "Au",
        },
    ),
    (
        "english",
        "The Indian Ocean washes the coasts of both East Africa and Western Australia and ranks third in size.",
        {
            "sample_id": "s-0518",
            "prompt": "Q: Which ocean lies between Africa and Australia and is the third largest of the world's five oceans?\nA:",
            "completion": "The Indian Ocean",
        },
    ),
    (
        "english",
        "If a quarter has been taken off, the sale price is three quarters of the original, so divide by 0.75.",
        {
            "sample_id": "s-0519",
            "prompt": "Q: If a bookshop sells a novel for 18 dollars after a 25 percent discount, what was the original price of the novel?\nA:",
            "completion": "24 dollars",
        },
    ),
    (
        "english",
        "Chlorophyll sits inside small green organelles in leaf cells, and these are where sunlight is turned into chemical energy.",
        {
            "sample_id": "s-0520",
            "prompt": "Q: Which part of a plant cell contains chlorophyll and is responsible for capturing light energy during photosynthesis?\nA:",
            "completion": "The chloroplast",
        },
    ),
    (
        "english",
        "An old keeper kept visiting his automated lighthouse every week and was the one who spotted that the light had failed.",
        {
            "no": "R425",
            "article": "The lighthouse on Grey Point was switched to automatic operation in 1994, and its last keeper, Tomas Reed, moved to the village below. For the next twenty years he still climbed the hill every Sunday to polish the brass fittings, although no one asked him to. When a storm damaged the lamp in 2013, it was Reed who noticed first and called the coast guard, because he could see from his kitchen window that the beam had stopped turning.",
            "question": "Why was Tomas Reed the first person to notice the damaged lamp?",
            "answer": "He could see from his kitchen window that the beam had stopped turning.",
        },
    ),
    (
        "english",
        "Pupils who went for short outdoor walks between classes felt more awake, though the trial was too small to be sure why.",
        {
            "no": "R426",
            "article": "Researchers in a city school asked one group of pupils to take short walks outside between lessons, while another group stayed indoors. After six weeks, the walking group reported feeling less tired in the afternoon and scored slightly higher on a memory test. The researchers warned that the study was small and that other factors, such as better sleep, might explain part of the difference.",
            "question": "What caution did the researchers give about their results?",
            "answer": "The study was small, and other factors like better sleep might explain some of the difference.",
        },
    ),
]

BOILERPLATE = ["请选出最恰当的一项", "下列表述错误的一项是", "阅读下面的文字，完成问题", "结合材料", "默写"]
BOILERPLATE_EN = ["Q:", "A:", "Which of these", "What caution"]

TOPIC_NAMES = {
    "history": ["世界史", "近代史", "历史"],
    "chemistry": ["化学", "中考化学"],
    "geography": ["地理", "自然地理"],
    "physics": ["物理", "电学", "初中物理"],
    "law": ["法学", "刑法", "法律实务"],
    "medicine": ["护理学", "药学", "医学"],
    "maths": ["数学", "小升初数学", "初中数学"],
    "reading": ["语文", "记叙文阅读", "说明文阅读"],
    "poetry": ["古诗文", "语文基础", "成语积累"],
    "english": ["英语", "英文百科"],
}
TOPIC_NAMES_EN = {"english": ["General Science", "World Facts", "Reading Skills", "Pub Quiz"]}

BANK = {
    "history": [
        "世界近代史的线索可以概括为革命、改革和扩张三个关键词。",
        "欧美国家的资产阶级革命各有特点，列表比较最清楚。",
        "复习两次世界大战时，要把起因、经过和结果对应起来。",
        "很多同学分不清各国改革的年份，建议做一张对照表。",
        "历史人物的评价要一分为二，不能只看一面。",
        "近代中国屈辱的条约史，是每个学生都应该了解的内容。",
        "老师常说，学世界史要有全球视野。",
        "地图在世界史复习中非常重要，尤其是殖民扩张那一章。",
        "历史事件之间往往存在因果联系，不能孤立地记忆。",
        "课外可以看一些纪录片，加深对历史场景的理解。",
        "这一单元的内容多而杂，需要反复梳理。",
        "工业文明的兴起彻底改变了人们的生产和生活方式。",
    ],
    "chemistry": [
        "中考化学的实验题分值很高，千万不能放弃。",
        "物质的分类是化学学习的起点。",
        "化学计算题的格式要规范，设、写、找、列、答缺一不可。",
        "生活中处处有化学，比如发面用的小苏打。",
        "常见酸和碱的性质需要对比记忆。",
        "做实验前先预习步骤，实验时才不会手忙脚乱。",
        "化学式书写错误是考试中最可惜的失分。",
        "金属的锈蚀与防护和日常生活联系紧密。",
        "老师在演示实验中用了很多废旧材料。",
        "化学反应前后元素的种类不会改变。",
        "气体检验的方法要和现象一一对应。",
    ],
    "geography": [
        "地理学习离不开地图，读图能力非常关键。",
        "我国幅员辽阔，各地的自然环境差异很大。",
        "气候类型的判断要结合气温曲线和降水柱状图。",
        "河流的水文特征和流域的气候、地形都有关系。",
        "学地理最好能多出去走走，亲眼看看山川河流。",
        "等高线地形图是初中地理的难点之一。",
        "地球运动的知识需要较强的空间想象能力。",
        "人类活动对环境的影响是近年的热门考点。",
        "不同地区的农业生产方式与自然条件密切相关。",
        "地理课上，老师用地球仪演示了昼夜交替。",
    ],
    "physics": [
        "电学是初中物理的重头戏，电路图一定要会画。",
        "串联和并联电路的特点要对比着记。",
        "用电安全知识在生活中十分实用。",
        "物态变化的六个过程，吸热放热要分清楚。",
        "压强的计算要注意单位，面积常常需要换算。",
        "很多物理现象在厨房里就能观察到。",
        "实验题要写清楚控制变量的过程。",
        "欧姆定律是电学计算的核心。",
        "学物理要多问为什么，不能只背结论。",
        "老师用一个气球就演示了大气压的存在。",
    ],
    "law": [
        "法律实务中，证据往往比道理更重要。",
        "刑法和民法的责任承担方式有很大不同。",
        "普法宣传进校园，让学生从小树立法治观念。",
        "遇到侵权行为，要及时收集和保存证据。",
        "著作权保护的范围比很多人想象的要广。",
        "行政机关作出处罚决定，必须依照法定程序。",
        "法律条文看起来枯燥，结合案例就容易理解了。",
        "继承纠纷往往发生在亲人之间，处理起来格外棘手。",
        "工伤认定关系到劳动者的切身利益。",
        "物业和业主之间的矛盾也常常需要法律来解决。",
        "律师在讲座中分享了几个真实的案例。",
    ],
    "medicine": [
        "护理工作细致琐碎，需要极大的耐心。",
        "用药安全是医院管理的重点之一。",
        "很多药物之间存在相互作用，不能随意合用。",
        "急救培训应该普及到每一个社区。",
        "老年人的慢性病管理需要家属的配合。",
        "护士资格考试的题目越来越贴近临床实际。",
        "消化系统疾病与饮食习惯关系密切。",
        "儿科护理要特别关注孩子的情绪。",
        "药学专业的学生要熟记常用药物的不良反应。",
        "家庭药箱里的药品要定期检查有效期。",
        "医院每年都会组织医护人员进行技能考核。",
    ],
    "maths": [
        "小升初数学考查的重点是计算能力和解决问题的能力。",
        "百分数和比例是六年级的重点内容。",
        "几何体的表面积和体积公式要理解推导过程。",
        "概率题要先弄清楚所有可能的结果。",
        "很多数学题都可以画图帮助理解。",
        "初中数学的函数部分是很多学生的难点。",
        "做题时草稿纸要写整齐，方便检查。",
        "数列的规律有时要通过列举前几项来发现。",
        "生活中的利率、折扣问题都离不开百分数。",
        "解题后要学会总结同一类题的方法。",
        "钟面上的追及问题是一类有趣的题型。",
    ],
    "reading": [
        "记叙文阅读要把握人物形象和情感线索。",
        "说明文阅读的关键是找准说明对象和说明顺序。",
        "答题时要结合原文，不能凭感觉作答。",
        "很多阅读材料取材于真实的社会生活。",
        "文章的标题往往暗含作者的写作意图。",
        "科技类文章里的专业术语不必全懂，理解大意即可。",
        "一篇好的散文常常在细节处打动人心。",
        "分析句子含义时，要联系上下文。",
        "乡村振兴、科技创新是近年阅读材料的热门话题。",
        "亲情类文章在考试中出现的频率很高。",
        "读完文章后，可以试着用一句话概括主要内容。",
    ],
    "poetry": [
        "古诗文默写要求一字不差，平时要多写几遍。",
        "杜甫被称为诗圣，他的诗被称为诗史。",
        "王维的诗中有画，画中有诗。",
        "成语积累要注意感情色彩和适用对象。",
        "寓言故事简短有趣，却蕴含深刻的道理。",
        "古诗鉴赏题常考意象、手法和情感。",
        "边塞诗多写战争和塞外风光。",
        "文言文中的古今异义词是考试的重点。",
        "成语运用题要结合语境判断是否恰当。",
        "每天背一首古诗，一年下来收获很大。",
    ],
    "english": [
        "英文百科题的知识点往往来自中学课本。",
        "做英语题时遇到生词，先根据上下文猜意思。",
        "很多英语测试题都是问答形式，答案只有几个词。",
        "积累一些常见的科学词汇，对阅读很有帮助。",
        "英语阅读理解的推断题最难，要有依据。",
        "有些外国题库的题目翻译过来就不太通顺。",
        "英语老师建议我们每天读一篇外刊文章。",
        "英语学习贵在坚持，三天打鱼两天晒网可不行。",
        "看英文原版科普书，既学语言又长知识。",
        "听力材料最好反复听，直到能跟读为止。",
    ],
    "generic": [
        "有需要的同学可以把这篇收藏起来。",
        "资料整理不易，转载请注明出处。",
        "这段时间每天都在复习，感觉有点累。",
        "今天的内容就分享到这里。",
        "各位如果觉得有用，记得转发给身边的同学。",
        "学习要讲究方法，光靠蛮干是不行的。",
        "考试不是目的，掌握知识才是关键。",
        "早上背书效率最高，晚上适合做题。",
        "下次会继续更新其他章节的内容。",
        "大家有什么问题可以在下方留言。",
        "窗外的桂花开了，满屋都是香味。",
        "临近考试，心态比什么都重要。",
        "和同学互相出题是个不错的复习方法。",
        "最近降温了，上晚自习记得多穿点。",
    ],
}

BANK_EN = [
    "Welcome back to our weekly newsletter for parents and carers.",
    "The learning centre will be closed on Monday for staff training.",
    "Round three was the science round, and it split the room down the middle.",
    "Our quiz team is called The Know-It-Nots, which tells you everything.",
    "Students who read for twenty minutes a day tend to do better across subjects.",
    "Please remind your children to bring a water bottle on sports day.",
    "The winning team took home a voucher for the bakery on Station Road.",
    "We try to include at least one question from every continent.",
    "The library has new copies of several popular science books.",
    "Homework club runs every Tuesday and Wednesday after school.",
    "The picture round was easier than last month, thankfully.",
    "Some parents asked for examples of the questions we use in class.",
    "Nobody at our table had the faintest idea, so we guessed.",
    "The next quiz will be held at the cricket club on the first Friday of the month.",
    "Good study habits start with a quiet place and a regular time.",
    "A few families have volunteered to help run the book fair.",
    "Bonus points went to the team that explained their answer best.",
    "Teachers have noticed that pupils enjoy questions about animals and space.",
]

GENRES = {
    "wechat": {
        "title": [
            "干货｜{tn}高频考点一网打尽",
            "收藏！{tn}易错题精选",
            "{tn}｜这几道题，你都会吗？",
            "期末冲刺：{tn}必刷题",
        ],
        "open": [
            "点击上方蓝字关注我们",
            "各位同学大家好，今天小编给大家带来{tn}的一组精选练习。",
            "期末临近，后台很多同学留言想要{tn}的复习资料。",
            "本期内容由学科组老师精心整理。",
        ],
        "lead": ["▍精选例题", "👉 例题一", "【每日一练】", "先来看这道经典题目："],
        "after": [
            "▍解题思路",
            "这道题的得分率只有百分之四十左右。",
            "小编提醒：做题前先圈出题干中的关键信息。",
            "你做对了吗？",
        ],
        "close": [
            "↓↓↓ 点击“阅读原文”获取完整版资料",
            "转发给身边需要的同学吧！",
            "本文由学科组原创，转载请联系后台。",
            "喜欢就点个“在看”吧",
        ],
    },
    "tieba": {
        "title": [
            "{tn}吧 | 一道题困扰了我一晚上",
            "问个{tn}的题",
            "水一贴，分享一道{tn}题",
            "{tn}大神进来看看",
        ],
        "open": ["1楼 喂度娘", "如题，高三党一枚。", "楼主文科生，{tn}一直是弱项。", "深夜发帖，睡不着。"],
        "lead": ["2楼 题目：", "题目见下：", "上题：", "原题："],
        "after": ["3楼 坐等大神", "感觉选项都对又都不对……", "我们班一半人都错了", "答案是不是印错了？"],
        "close": ["顶", "自己顶一下", "谢谢楼上各位", "已解决，感谢吧友"],
        "replies": [
            "4楼 这题老师讲过，重点看设问",
            "5楼 插眼，我也想知道",
            "6楼 楼主去翻一下教材第二单元",
            "7楼 路过，帮顶",
        ],
    },
    "shop": {
        "title": [
            "【正版现货】{tn}同步练习册 全新修订版",
            "{tn}冲刺题库 含详细解析",
            "{tn}真题汇编 历年精选",
            "热销｜{tn}专项突破训练",
        ],
        "open": [
            "商品详情：本书按照最新课程标准编写，适合在校学生同步使用。",
            "本店所售图书均为正版，支持七天无理由退换。",
            "【内容简介】全书分为基础篇、提高篇和冲刺篇三部分。",
            "本题库由一线教师团队编写，题型全面，解析详细。",
        ],
        "lead": ["【样题展示】", "试读内容：", "书中例题节选：", "【内页预览】"],
        "after": [
            "每道题都配有详细解析和易错提示。",
            "扫码即可观看配套讲解视频。",
            "答案附在书后，方便自我检测。",
            "适合课后巩固和考前复习。",
        ],
        "close": [
            "发货说明：下单后四十八小时内发货，偏远地区除外。",
            "如有印刷质量问题，请联系客服。",
            "买二送一，活动时间有限。",
            "店铺还有其他学科资料，欢迎选购。",
        ],
    },
    "lecture": {
        "title": [
            "{tn}名师直播课文字实录",
            "“{tn}怎么学”讲座整理稿",
            "第十二讲 {tn}综合复习（整理版）",
            "{tn}公益课速记",
        ],
        "open": [
            "主讲人：好，同学们，我们开始上课。",
            "（以下根据现场录音整理，略有删节）",
            "各位家长、同学，晚上好。今天我们来讲{tn}。",
            "今天这节课我们重点讲解几道综合题。",
        ],
        "lead": [
            "我们看屏幕上这道题，我读一下：",
            "来，大家先自己做一下这道题：",
            "下面这道题，是上周很多同学问到的：",
            "这道题我上课讲过不止一次：",
        ],
        "after": [
            "好，有多少同学选对了？举手我看一下。",
            "这里要停一下，大家想一想为什么。",
            "注意，这个地方是出题人最爱挖坑的地方。",
            "我们把思路再捋一遍。",
        ],
        "close": [
            "好，今天的课就到这里，下课。",
            "（掌声）",
            "课后作业已经发在群里了，大家按时完成。",
            "有问题的同学可以课后来找我。",
        ],
    },
    "diary": {
        "title": ["十一月七日 晴", "备考日记：第三十天", "又是刷题的一天", "周末随笔"],
        "open": [
            "今天早上六点就起床了，背了半小时书。",
            "晚自习的时候，窗外下起了小雨。",
            "今天妈妈问我{tn}考得怎么样，我没敢说实话。",
            "写日记是我坚持了三年的习惯。",
        ],
        "lead": [
            "晚上做卷子，卡在了这一题：",
            "今天老师讲的一道题让我印象很深：",
            "把今天的错题抄在这里：",
            "下午自习时遇到这样一道题：",
        ],
        "after": [
            "想了很久才想明白。",
            "看来我的基础还是不牢。",
            "明天要再去问问老师。",
            "错了两次了，这次一定要记住。",
        ],
        "close": ["明天继续加油。", "睡觉前再看一眼错题本。", "希望下次考试能进步。", "晚安。"],
    },
}

GENRES_EN = {
    "newsletter_en": {
        "title": [
            "Parent Newsletter: Week {n}",
            "From the Learning Centre",
            "Term Update and Practice Corner",
        ],
        "open": [
            "Dear families, thank you for another busy week.",
            "Here is a short round-up of what happened in class, plus a practice question.",
            "This week our {tn} club met twice, and attendance was the best yet.",
        ],
        "lead": ["Practice corner:", "Question of the week:", "Can your child answer this one?"],
        "after": [
            "Answers will be printed in next week's issue.",
            "Several pupils found this harder than expected.",
            "Talk it through together before checking.",
        ],
        "close": [
            "Best wishes from the whole team.",
            "See you at the open evening.",
            "Kind regards, the office.",
        ],
    },
    "quiz_en": {
        "title": [
            "Pub Quiz Recap: Round Three",
            "How We (Nearly) Won the {tn} Quiz",
            "Quiz League Results and Highlights",
        ],
        "open": [
            "Another Friday, another narrow defeat for our team.",
            "The room was packed last night, with fourteen teams taking part.",
            "Here is our write-up of the {tn} round, as promised.",
        ],
        "lead": ["The killer question was:", "Question seven read:", "This is the one that sank us:"],
        "after": [
            "We changed our answer at the last second, which was a mistake.",
            "The host said only one team had it.",
            "In hindsight it was obvious.",
        ],
        "close": ["Same time next month.", "Thanks to the host and the bar staff.", "Onwards and upwards."],
    },
}

PARA_LEADS = ["通俗一点讲，", "其实意思就是：", "把题目换个说法：", "讲得直白些，", "核心意思可以概括为："]
FRAG_LEADS = [
    "题干中有一个关键短语“{frag}”，要重点关注。",
    "特别留意“{frag}”这个表述。",
    "抓住“{frag}”就抓住了题眼。",
    "不少同学把“{frag}”理解错了。",
]
BOILER_LEADS = [
    "凡是看到“{bp}”，就要先把每个选项读一遍。",
    "这份卷子里的题几乎都以“{bp}”收尾。",
    "老师提醒：“{bp}”这种问法，往往只有一个正确选项。",
    "“{bp}”是这类题最常见的设问方式。",
]
PARA_LEADS_EN = ["Put another way: ", "What it boils down to: ", "In plain terms: ", "The gist: "]
FRAG_LEADS_EN = [
    'Most teams stumbled on "{frag}".',
    'Pay attention to the words "{frag}".',
    'The words "{frag}" gave it away for us.',
]
BOILER_LEADS_EN = [
    'Every question on the sheet began with "{bp}", which got confusing.',
    'The host read "{bp}" before each item.',
]

PUNCT_STYLE = "breaks_brackets"  # hard line breaks inside, 「」 and 【】 brackets, dropped commas
ANSWER_STYLE = "bracketed"  # "【题目】... （A）..（B）.. 【答案】B 【解析】略"

SLOTS = {
    "school": ["城南中学", "育英学校", "实验二中", "第十一中学", "明德中学"],
    "city": ["南京", "郑州", "昆明", "合肥", "厦门", "沈阳"],
    "name": ["周老师", "吴老师", "孙同学", "小林", "何老师", "郑教授"],
    "ename": ["Harriet", "Joe", "Amira", "Liam", "Chloe", "Ravi"],
    "team": ["the Fact Hunters", "Quiz Khalifa", "the Usual Suspects"],
    "ordinal": ["second", "third", "fourth", "sixth"],
}
TEMPLATES = [
    "{city}某中学的{name}表示，{tn}的复习一定要有计划。",
    "这一章的内容，{name}前后讲了{k}个课时。",
    "据不完全统计，{school}有超过{n}%的学生在课外使用题库。",
    "今年{city}考生的{tn}平均成绩比去年略有上升。",
    "小编身边有{n}位同学都在这一题上栽了跟头。",
    "{name}提醒，{tn}答题时要注意书写规范。",
    "第{n}讲的讲义已经上传到班级群文件。",
    "昨天的模拟考，{tn}最高分是{score}分。",
    "{school}的图书馆新添了一批{tn}方面的参考书。",
    "我和{name}讨论了一个晚上，还是没有得出结论。",
    "离期末考试还有{n}天，{tn}还有两个单元没复习。",
    "{name}在{city}教了{n}年书，见过各种各样的学生。",
    "{tn}这门课，听懂和会做完全是两回事。",
    "这个星期一共做了{k}套{tn}卷子。",
    "听说{city}明年的{tn}考试会增加开放性试题。",
    "{name}的板书特别工整，同学们都喜欢抄那份笔记。",
    "有位家长在后台留言，问{tn}要不要报补习班。",
    "{school}的同学反馈说，这套资料难度适中。",
]
TEMPLATES_EN = [
    "{ename} from Year {k} won the reading challenge this term.",
    "Our team, {team}, came {ordinal} in the regional quiz league.",
    "Entry costs {k} pounds per team, and all proceeds go to charity.",
    "{ename} wrote the questions this week and clearly enjoyed making us suffer.",
    "There are {n} places left for the spring study workshop.",
    "The team led by {ename} needed a tiebreaker to settle {ordinal} place.",
    "{ename} reminded everyone that the {tn} club meets after lunch on Thursdays.",
]
