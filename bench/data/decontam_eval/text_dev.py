"""Hand-written text of the dev split: benchmark items, paraphrases, sentence banks, templates.

All of it was written for this project (see README.md). make.py reads it; nothing else does.
An item is (topic, paraphrase, record): the paraphrase restates the item in other words and is
used only in clean (hard negative) documents; the record is written to benchmark_dev.jsonl.
"""

ITEMS = [
    # --- history ------------------------------------------------------------------------------
    (
        "history",
        "秦朝不再让地方长官世代相传，而是由朝廷直接派人去管理各个郡和县，这一安排让中央的权力明显变强。",
        {
            "id": "dv-hist-01",
            "question": "秦统一六国后在全国推行郡县制，郡守和县令由皇帝直接任免。关于这一制度，以下哪一项是正确的？",
            "choices": ["郡县长官可以世袭", "它有利于加强中央集权", "它最早在汉朝出现", "郡县制取代了科举制"],
            "answer": "B",
        },
    ),
    (
        "history",
        "宋代四川一带的商人为了免去携带大量铁钱的麻烦，开始使用一种叫交子的凭证，这和当时商业繁荣分不开。",
        {
            "id": "dv-hist-02",
            "question": "北宋时期出现了世界上最早的纸币“交子”，它最初流通于今天的四川地区。下列说法中正确的是：",
            "choices": [
                "交子的出现与商品经济发展有关",
                "交子由明朝政府首先发行",
                "交子最早在江南地区使用",
                "交子是金属铸币的一种",
            ],
            "answer": "A",
        },
    ),
    (
        "history",
        "唐太宗很愿意听取不同意见，魏征常常当面指出皇帝的过失，那段时期政治清明，百姓生活逐渐安定。",
        {
            "id": "dv-hist-03",
            "question": "唐朝贞观年间，唐太宗虚心纳谏，任用魏征等大臣，社会安定、经济恢复，史称“贞观之治”。以下哪一项是正确的？",
            "choices": [
                "贞观之治出现在唐玄宗时期",
                "魏征以敢于直言进谏著称",
                "贞观年间实行了废除丞相的制度",
                "唐太宗在位期间开凿了大运河",
            ],
            "answer": "B",
        },
    ),
    (
        "history",
        "永乐年间的大型船队先后七次出海，到过东南亚和印度洋沿岸，最远抵达非洲东部。",
        {
            "id": "dv-hist-04",
            "question": "明朝永乐年间，郑和率领庞大船队多次远航，最远到达非洲东海岸和红海沿岸。关于郑和下西洋，下列说法中正确的是：",
            "choices": [
                "船队共出航七次",
                "目的是寻找通往美洲的新航路",
                "发生在清朝康熙年间",
                "船队只到达了朝鲜半岛",
            ],
            "answer": "A",
        },
    ),
    (
        "history",
        "商鞅在秦国推行改革，鼓励百姓种田和作战，还允许土地自由买卖，秦国因此越来越强盛。",
        {
            "idx": "c-2041",
            "input": "阅读材料：“商鞅变法，奖励耕战，废井田，开阡陌。”根据材料回答问题：商鞅变法在经济方面采取了哪些措施？这些措施起到了什么作用？",
            "target": "废除井田制，承认土地私有，允许买卖；奖励耕织。这些措施促进了秦国农业生产的发展，使秦国逐渐富强。",
        },
    ),
    (
        "history",
        "推翻清朝统治的那场革命发生在一九一一年，此后建立了中华民国，两千多年的帝制就此终结。",
        {
            "id": "dv-hist-06",
            "question": "1911年爆发的辛亥革命推翻了清王朝的统治，结束了在中国延续两千多年的君主专制制度。以下哪一项是正确的？",
            "choices": [
                "辛亥革命由康有为领导",
                "辛亥革命后建立了中华民国",
                "辛亥革命发生在鸦片战争之前",
                "辛亥革命彻底完成了反帝反封建任务",
            ],
            "answer": "B",
        },
    ),
    (
        "history",
        "董仲舒向汉武帝提出只尊崇儒家学说，此后儒学长期被官方奉为正统，太学也在都城设立起来。",
        {
            "id": "dv-hist-07",
            "question": "汉武帝采纳董仲舒的建议，“罢黜百家，独尊儒术”，并在长安兴办太学。下列说法中正确的是：",
            "choices": [
                "儒家思想从此成为正统思想",
                "这一政策由秦始皇首先提出",
                "太学主要教授法家经典",
                "这一措施削弱了皇权",
            ],
            "answer": "A",
        },
    ),
    (
        "history",
        "元代在地方设立行省，这是后来省级行政区划的源头，对管理辽阔的疆域很有帮助。",
        {
            "idx": "c-2042",
            "input": "元朝在中央设中书省，在地方设行中书省，简称“行省”。请简要说明行省制度的意义。",
            "target": "行省制度加强了中央对地方的管辖，巩固了统一多民族国家，是我国省制的开端。",
        },
    ),
    # --- physics ------------------------------------------------------------------------------
    (
        "physics",
        "汽车以每秒二十米的速度行驶时紧急制动，每秒速度减小五米，大约四秒就会完全停住。",
        {
            "id": "dv-phy-01",
            "question": "一辆汽车在平直公路上以20 m/s的速度匀速行驶，司机发现前方障碍物后立即刹车，加速度大小为5 m/s²。以下哪一项是正确的？",
            "choices": [
                "汽车刹车后4 s停下",
                "汽车刹车距离为80 m",
                "刹车后2 s内位移为20 m",
                "刹车过程中速度保持不变",
            ],
            "answer": "A",
        },
    ),
    (
        "physics",
        "光从空气进入水中时方向会发生偏折，同时也有一部分光被水面反射回来，反射时两个角相等。",
        {
            "id": "dv-phy-02",
            "question": "一束光从空气斜射入水中时，在水面上同时发生反射和折射。下列说法中正确的是：",
            "choices": [
                "折射角大于入射角",
                "反射角等于入射角",
                "光在水中传播速度比在空气中大",
                "折射光线与入射光线在法线同侧",
            ],
            "answer": "B",
        },
    ),
    (
        "physics",
        "",
        {
            "idx": "c-2043",
            "input": "质量为2 kg的物体放在水平地面上，用10 N的水平拉力使它由静止开始运动，物体与地面间的摩擦力为4 N，求物体在3 s末的速度。",
            "target": "合力F=10 N-4 N=6 N，加速度a=F/m=3 m/s²，3 s末的速度v=at=9 m/s。",
        },
    ),
    (
        "physics",
        "手握杯子越用力，压力越大，但杯子静止时摩擦力只需要和重力平衡，所以大小并不会改变。",
        {
            "id": "dv-phy-04",
            "question": "用手握住一个装水的玻璃杯在空中保持静止，当手握得更紧时，以下哪一项是正确的？",
            "choices": [
                "杯子受到的摩擦力增大",
                "杯子受到的摩擦力不变",
                "杯子受到的重力减小",
                "杯子受到的摩擦力方向向下",
            ],
            "answer": "B",
        },
    ),
    # --- chemistry ----------------------------------------------------------------------------
    (
        "chemistry",
        "钠很轻，扔进水里会浮起来，还会和水剧烈反应放出氢气，生成的碱让酚酞显出红色。",
        {
            "id": "dv-chem-01",
            "question": "将一小块金属钠投入滴有酚酞的水中，可以观察到钠浮在水面上、熔成小球并四处游动，溶液变红。下列说法中正确的是：",
            "choices": [
                "钠的密度比水大",
                "反应生成了氢气和氢氧化钠",
                "溶液变红说明生成了酸",
                "该反应需要加热才能发生",
            ],
            "answer": "B",
        },
    ),
    (
        "chemistry",
        "用高锰酸钾加热制氧时，要在试管口塞一小团棉花，防止粉末进入导管。",
        {
            "id": "dv-chem-02",
            "question": "实验室用加热高锰酸钾的方法制取氧气，并用排水法收集。以下哪一项是正确的？",
            "choices": [
                "试管口应略向上倾斜",
                "实验结束时先熄灭酒精灯再把导管移出水面",
                "试管口应放一团棉花",
                "收集满氧气的集气瓶应倒放在桌面上",
            ],
            "answer": "C",
        },
    ),
    (
        "chemistry",
        "",
        {
            "idx": "c-2044",
            "input": "某同学用托盘天平称取了11.7 g氯化钠，全部溶解后配制成100 g溶液。请计算所得溶液中溶质的质量分数。",
            "target": "溶质质量分数=11.7 g÷100 g×100%=11.7%。",
        },
    ),
    # --- biology ------------------------------------------------------------------------------
    (
        "biology",
        "叶绿体是植物制造有机物的场所，在阳光下把水和二氧化碳变成糖类，同时放出氧气。",
        {
            "id": "dv-bio-01",
            "question": "绿色植物在光照条件下，利用二氧化碳和水合成有机物并释放氧气。关于光合作用，以下哪一项是正确的？",
            "choices": [
                "光合作用只在夜间进行",
                "光合作用的场所主要是叶绿体",
                "光合作用释放的氧气来自二氧化碳",
                "植物的根是进行光合作用的主要器官",
            ],
            "answer": "B",
        },
    ),
    (
        "biology",
        "血细胞里数量最多的是红细胞，白细胞负责对付细菌，血小板则帮助伤口止血。",
        {
            "id": "dv-bio-02",
            "question": "人体血液由血浆和血细胞组成，其中红细胞数量最多，白细胞能够吞噬病菌。下列说法中正确的是：",
            "choices": [
                "血小板具有止血和加速凝血的作用",
                "成熟的红细胞有细胞核",
                "白细胞的主要功能是运输氧气",
                "血浆中不含任何蛋白质",
            ],
            "answer": "A",
        },
    ),
    (
        "biology",
        "孟德尔的豌豆实验中，高茎和矮茎杂交后第一代都是高的，再自交就出现了大约三比一的分离。",
        {
            "id": "dv-bio-03",
            "question": "孟德尔用纯种高茎豌豆与纯种矮茎豌豆杂交，子一代全部表现为高茎，子一代自交后子二代出现了高茎和矮茎。以下哪一项是正确的？",
            "choices": [
                "矮茎是显性性状",
                "子二代中高茎与矮茎的比例约为3∶1",
                "子一代全部是纯合子",
                "子二代中不会出现矮茎",
            ],
            "answer": "B",
        },
    ),
    (
        "biology",
        "食物链里如果捕食者被大量消灭，被捕食的动物会暂时增多，它们吃的植物就会减少。",
        {
            "idx": "c-2045",
            "input": "某生态系统中存在“草→兔→狐”这样一条食物链。如果大量捕杀狐，短期内兔和草的数量会怎样变化？请说明理由。",
            "target": "兔的数量会先增加，草的数量随之减少；因为兔失去了天敌，数量增多后会吃掉更多的草。",
        },
    ),
    # --- law ----------------------------------------------------------------------------------
    (
        "law",
        "十岁的孩子属于限制民事行为能力人，花大钱买贵重物品，一般要父母同意或者事后认可才算数。",
        {
            "id": "dv-law-01",
            "question": "根据我国民法典，八周岁以上的未成年人为限制民事行为能力人。小明今年十岁，他用自己的压岁钱购买了一台价值八千元的笔记本电脑。以下哪一项是正确的？",
            "choices": [
                "该买卖合同当然有效",
                "该合同须经其法定代理人同意或者追认才有效",
                "小明是完全民事行为能力人",
                "该合同自始无效且不能补正",
            ],
            "answer": "B",
        },
    ),
    (
        "law",
        "房子出租期间即使房东把房子卖了，原来的租约照样有效，这就是常说的买卖不破租赁。",
        {
            "id": "dv-law-02",
            "question": "甲将自己的房屋出租给乙，租期三年。租期内甲把房屋卖给了丙，丙要求乙立即搬走。下列说法中正确的是：",
            "choices": [
                "租赁合同自动终止",
                "乙必须在一个月内搬离",
                "房屋买卖不影响租赁合同的效力",
                "丙可以随时要求乙增加租金",
            ],
            "answer": "C",
        },
    ),
    (
        "law",
        "网购的普通商品只要完好，消费者在到货后七天之内一般可以不说理由退回。",
        {
            "id": "dv-law-03",
            "question": "消费者在网上购买了一件衣服，收到货后发现尺码不合适，商品完好且不属于特殊商品。以下哪一项是正确的？",
            "choices": [
                "消费者不能退货",
                "消费者可以在收货之日起七日内无理由退货",
                "退货运费一律由商家承担",
                "消费者只能要求换货不能退货",
            ],
            "answer": "B",
        },
    ),
    (
        "law",
        "开车闯红灯即使没有出事故，被电子眼拍到以后也会被交管部门依法处理。",
        {
            "id": "dv-law-04",
            "question": "张某驾驶机动车在城市道路上行驶时闯红灯，被交通技术监控设备记录。下列说法中正确的是：",
            "choices": [
                "只要没有发生事故就不受处罚",
                "公安机关交通管理部门可以依法给予处罚",
                "只有现场被交警拦下才能处罚",
                "闯红灯只属于道德问题",
            ],
            "answer": "B",
        },
    ),
    (
        "law",
        "一方结婚前自己买的房子，婚后一起住并不会让它变成两个人的共同财产。",
        {
            "idx": "c-2046",
            "input": "王某与李某登记结婚后，王某婚前购买的一套住房一直由两人共同居住。两人离婚时，李某主张该住房属于夫妻共同财产。请分析李某的主张是否成立。",
            "target": "不成立。一方婚前购买的房屋属于其个人财产，不因婚后共同居住而转化为夫妻共同财产。",
        },
    ),
    (
        "law",
        "劳动合同签一年的，试用期最长只能约定两个月，约定八个月是违法的。",
        {
            "id": "dv-law-06",
            "question": "某公司与员工签订劳动合同，约定试用期为八个月，劳动合同期限为一年。以下哪一项是正确的？",
            "choices": [
                "该约定完全合法",
                "一年期合同的试用期不得超过二个月",
                "试用期可以由公司任意约定",
                "试用期不计入劳动合同期限",
            ],
            "answer": "B",
        },
    ),
    # --- medicine -----------------------------------------------------------------------------
    (
        "medicine",
        "口渴、尿多、吃得多却越来越瘦，同时空腹血糖偏高，这些都是糖尿病的典型信号。",
        {
            "id": "dv-med-01",
            "question": "患者，男，45岁，近一周出现多饮、多尿、多食和体重下降，空腹血糖测定为9.8 mmol/L。以下哪一项是正确的？",
            "choices": [
                "最可能的诊断是糖尿病",
                "患者应立即大量补充葡萄糖",
                "空腹血糖正常值为15 mmol/L以上",
                "体重下降与血糖升高无关",
            ],
            "answer": "A",
        },
    ),
    (
        "medicine",
        "给成年人做胸外按压，每分钟大约一百到一百二十次，每次按完要让胸口充分弹回。",
        {
            "id": "dv-med-02",
            "question": "在为心跳骤停的成人实施心肺复苏时，施救者需要进行高质量的胸外按压。下列说法中正确的是：",
            "choices": [
                "按压频率为每分钟100至120次",
                "按压部位在腹部正中",
                "按压深度越浅越好",
                "每次按压后不必让胸廓回弹",
            ],
            "answer": "A",
        },
    ),
    (
        "medicine",
        "缺铁导致的贫血在孩子和年轻女性中很常见，平时可以多吃红肉、动物肝脏等含铁多的食物。",
        {
            "id": "dv-med-03",
            "question": "缺铁性贫血是儿童和育龄期女性中较为常见的贫血类型，常表现为乏力、面色苍白。以下哪一项是正确的？",
            "choices": [
                "饮食中应适当增加含铁丰富的食物",
                "缺铁性贫血是由维生素C过多引起的",
                "补铁时最好与浓茶同服",
                "红细胞体积通常增大",
            ],
            "answer": "A",
        },
    ),
    (
        "medicine",
        "血压高的人要少吃盐，即便血压降下来了也不能自己随便停药。",
        {
            "id": "dv-med-04",
            "question": "高血压患者的日常生活管理非常重要。下列关于高血压患者生活方式的建议中，说法正确的是：",
            "choices": ["应限制食盐摄入", "血压正常后可自行停药", "应多吃腌制食品", "应避免任何形式的运动"],
            "answer": "A",
        },
    ),
    (
        "medicine",
        "被热水烫到后先用冷的自来水冲十几分钟，水疱别挑破，也别涂牙膏之类的东西。",
        {
            "idx": "c-2047",
            "input": "一名儿童被开水烫伤了手背，局部皮肤发红、起水疱。家长在送医之前应当如何进行现场处理？",
            "target": "立即用流动的冷水冲洗伤处十五到二十分钟，不要弄破水疱，不要涂抹牙膏或酱油，然后用干净的纱布轻轻覆盖并尽快就医。",
        },
    ),
    (
        "medicine",
        "流感是病毒造成的，抗生素对它没用，每年秋天打一针疫苗是比较有效的预防办法。",
        {
            "id": "dv-med-06",
            "question": "流行性感冒由流感病毒引起，传染性强，可通过飞沫传播。以下哪一项是正确的？",
            "choices": [
                "抗生素可以直接杀灭流感病毒",
                "接种流感疫苗是预防流感的有效措施",
                "流感和普通感冒没有任何区别",
                "流感患者不需要休息",
            ],
            "answer": "B",
        },
    ),
    # --- maths --------------------------------------------------------------------------------
    (
        "maths",
        "这是一道典型的行程问题，速度不同导致早到或者迟到，抓住路程不变列方程就能求解。",
        {
            "idx": "c-2048",
            "input": "小明从家到学校，如果每分钟走60米，会迟到5分钟；如果每分钟走80米，就会提前3分钟到达。小明家到学校的距离是多少米？",
            "target": "设准时到校需要t分钟，60(t+5)=80(t-3)，解得t=27，距离为60×32=1920米。",
        },
    ),
    (
        "maths",
        "工程问题通常把总量看成单位一，两队一天的工作效率相加，再用总量除以效率和。",
        {
            "idx": "c-2049",
            "input": "一项工程，甲队单独做需要12天完成，乙队单独做需要18天完成。两队合作，需要多少天才能完成这项工程？",
            "target": "两队每天共完成1/12+1/18=5/36，所以合作需要36÷5=7.2天。",
        },
    ),
    (
        "maths",
        "年龄问题的关键是两人的年龄差永远不变，过几年以后倍数关系就会变化。",
        {
            "idx": "c-2050",
            "input": "今年父亲的年龄是儿子年龄的4倍，6年后父亲的年龄是儿子年龄的2.5倍。今年父亲和儿子各多少岁？",
            "target": "设儿子今年x岁，则4x+6=2.5(x+6)，解得x=6，所以儿子6岁，父亲24岁。",
        },
    ),
    (
        "maths",
        "",
        {
            "idx": "c-2051",
            "input": "一个长方形花坛的周长是36米，长比宽多4米。在花坛的四周铺一条宽1米的小路，小路的面积是多少平方米？",
            "target": "长11米、宽7米，外围长方形为13米×9米，小路面积=13×9-11×7=40平方米。",
        },
    ),
    (
        "maths",
        "先提价再打折的题目，要注意两次变化都是在不同的基数上计算的。",
        {
            "id": "dv-math-05",
            "question": "商店把一件商品按进价提高40%后标价，再打八折出售，结果每件仍获利24元。这件商品的进价是多少元？",
            "choices": ["150元", "200元", "240元", "300元"],
            "answer": "B",
        },
    ),
    (
        "maths",
        "",
        {
            "idx": "c-2052",
            "input": "一个水池装有进水管和出水管，单开进水管6小时可以注满空池，单开出水管8小时可以放完满池的水。如果两管同时打开，几小时可以把空池注满？",
            "target": "每小时注入1/6-1/8=1/24，所以需要24小时注满。",
        },
    ),
    (
        "maths",
        "两车相向而行时，相遇时间等于两地距离除以两车速度之和。",
        {
            "idx": "c-2053",
            "input": "甲、乙两地相距360千米，一辆客车和一辆货车同时从两地相向开出，客车每小时行驶70千米，货车每小时行驶50千米，经过几小时两车相遇？",
            "target": "360÷(70+50)=3小时。",
        },
    ),
    (
        "maths",
        "这类题用容斥原理：至少会一种的人数等于两类人数相加再减去重叠部分。",
        {
            "idx": "c-2054",
            "input": "某班有学生45人，其中会下象棋的有28人，会下围棋的有20人，两种棋都不会下的有6人。两种棋都会下的有多少人？",
            "target": "45-6=39人至少会一种，28+20-39=9人两种都会。",
        },
    ),
    # --- reading comprehension ----------------------------------------------------------------
    (
        "reading",
        "北京雨燕春天从遥远的非洲飞回来，但老房子翻修后，能让它们筑巢的缝隙变少了，于是有人在墙上挂起了巢箱。",
        {
            "qid": "rc-d-01",
            "passage": "每年四月，北京的雨燕从非洲南部飞回古老的城楼和屋檐下筑巢。它们几乎一生都在空中度过，连睡觉都可以在飞行中完成。近年来，随着老建筑被改造，适合雨燕栖息的缝隙越来越少，一些志愿者开始在楼房外墙安装人工巢箱，帮助它们找到新家。",
            "query": "根据材料回答问题：志愿者为什么要安装人工巢箱？",
            "label": "因为老建筑被改造后，适合雨燕筑巢的缝隙减少了。",
        },
    ),
    (
        "reading",
        "古时候西南山区的马帮驮着茶叶和盐上高原，换回马匹和药材，一路上各族人民也在互相学习。",
        {
            "qid": "rc-d-02",
            "passage": "茶马古道是古代西南地区以马帮为主要交通工具的民间贸易通道。内地的茶叶、布匹和盐沿着崎岖的山路运往高原，高原的马匹、皮毛和药材则被带回内地。这条道路不仅促进了物资交换，也让不同民族的语言、习俗和信仰在沿途相互交融。",
            "query": "根据材料回答问题：茶马古道除了物资交换之外还有什么作用？",
            "label": "促进了沿途不同民族之间的文化交流与融合。",
        },
    ),
    (
        "reading",
        "达尔文很看重蚯蚓，它们在地下打洞让土壤透气，粪便还能给土地增加肥力。",
        {
            "qid": "rc-d-03",
            "passage": "蚯蚓被达尔文称为“地球上最有价值的动物之一”。它们在土壤中钻洞，使空气和水分更容易进入地下；它们吞食落叶和泥土，排出的粪粒富含养分，能让土壤变得更加疏松肥沃。一片健康的草地下面，每平方米可能生活着上百条蚯蚓。",
            "query": "根据材料回答问题：蚯蚓对土壤有哪些好处？",
            "label": "使土壤通气透水，并增加养分，使土壤疏松肥沃。",
        },
    ),
    (
        "reading",
        "修古书的师傅要先清理灰尘、拍照存档，再挑颜色接近的手工纸把缺损的地方补好。",
        {
            "qid": "rc-d-04",
            "passage": "在图书馆的地下室里，古籍修复师每天面对的是被虫蛀、霉变或者破损的旧书。她们先给书页除尘、拍照，再用与原纸颜色相近的手工纸一点点补缺。修好一册书，有时需要几个月。她们常说，修复要做到“修旧如旧”，同时又要让后来的研究者能够分辨出哪些地方是后来补上的。",
            "query": "根据材料回答问题：修复师在补书页时选用什么样的纸？",
            "label": "与原纸颜色相近的手工纸。",
        },
    ),
    (
        "reading",
        "几位退休老人把小区里的空地变成了菜园，邻居们分地种菜，还把收成分给独居老人。",
        {
            "qid": "rc-d-05",
            "passage": "小区里有一块荒地长期堆放杂物。去年春天，几位退休老人向居委会申请，把它改造成了共享菜园。居民们按户认领一小块地，种上番茄、辣椒和小葱，收获后还会拿出一部分送给独居老人。原本互不相识的邻居，因为浇水、除草常常聚在一起，小区的气氛也变得热闹起来。",
            "query": "根据材料回答问题：共享菜园给小区带来了哪些变化？",
            "label": "荒地得到利用，邻居之间交往增多，关系更加融洽。",
        },
    ),
    (
        "reading",
        "海冰融化以后海面颜色变深，吸收的热量更多，又让更多的冰化掉，这就形成了正反馈。",
        {
            "qid": "rc-d-06",
            "passage": "北极的海冰面积在每年九月降到最低。卫星观测显示，过去四十多年来，九月海冰的面积总体呈减少趋势。海冰减少后，深色的海水吸收更多阳光，使周围的气温进一步上升，这又会导致更多的冰融化。科学家把这种相互加强的过程称为正反馈。",
            "query": "根据材料回答问题：文中所说的“正反馈”指的是什么过程？",
            "label": "海冰减少使海水吸收更多阳光，气温升高，又导致更多海冰融化的相互加强过程。",
        },
    ),
    (
        "reading",
        "毕昇用胶泥做成一个个字，烧硬后排版印刷，印完还能拆下来再用。",
        {
            "qid": "rc-d-07",
            "passage": "北宋时期，平民毕昇发明了活字印刷术。他用胶泥刻字，每个字为一个单独的字印，用火烧硬后排在铁板上印刷。印完一版后，把字印拆下来还可以重复使用。与雕版印刷相比，活字印刷大大节省了时间和材料。",
            "query": "根据材料回答问题：与雕版印刷相比，活字印刷有什么优点？",
            "label": "字印可以拆下重复使用，节省时间和材料。",
        },
    ),
    (
        "reading",
        "外婆和面从来不照着书做，小时候嫌她慢，长大后才知道好吃的面要花功夫。",
        {
            "qid": "rc-d-08",
            "passage": "外婆擀面的时候从不看菜谱。她把面粉倒在案板上，中间挖一个小坑，一边倒水一边用筷子搅拌，然后反复揉压，直到面团变得光滑。小时候我总嫌她动作太慢，长大后在外地吃过许多面馆，才明白那种筋道的口感是用时间换来的。",
            "query": "根据材料回答问题：作者长大后对外婆擀面有了怎样新的认识？",
            "label": "明白了面条筋道的口感来自外婆耐心花费的时间。",
        },
    ),
    # --- classical poetry and idioms ----------------------------------------------------------
    (
        "poetry",
        "李白这首小诗写月光下的思乡之情，是很多人最早背会的古诗之一。",
        {
            "idx": "c-2055",
            "input": "补写出下列名句中的空缺部分：“____，低头思故乡。”这句诗出自唐代诗人李白的《静夜思》，表达了诗人怎样的情感？",
            "target": "举头望明月；表达了诗人客居他乡、思念故乡的情感。",
        },
    ),
    (
        "poetry",
        "王安石把“绿”字当动词用，让人仿佛看到春风一吹江南就变绿了。",
        {
            "idx": "c-2056",
            "input": "“春风又绿江南岸，明月何时照我还”中的“绿”字历来被人称道，请结合诗句分析这个字的妙处。",
            "target": "“绿”字用作动词，写出了春风吹过后江南大地草木返青的动态变化，色彩鲜明，生动形象。",
        },
    ),
    (
        "poetry",
        "“爱不释手”形容非常喜欢，“万人空巷”指人们都出门去看热闹，用错了就闹笑话。",
        {
            "id": "dv-idiom-01",
            "question": "阅读下列句子，判断其中成语的使用是否恰当。以下哪一项是正确的？",
            "choices": [
                "他做事总是半途而废，这种锲而不舍的精神值得学习",
                "这部小说情节跌宕起伏，读起来令人爱不释手",
                "会议上大家各抒己见，讨论得万人空巷",
                "他的字写得差强人意，被老师当作范本展示",
            ],
            "answer": "B",
        },
    ),
    (
        "poetry",
        "宋国农夫等兔子撞树的故事，讽刺那些不肯努力、只想碰运气的人。",
        {
            "idx": "c-2057",
            "input": "“守株待兔”这个成语出自《韩非子》，讲的是一个农夫偶然捡到撞死在树桩上的兔子后就天天守在树旁。请说出这个成语的比喻义。",
            "target": "比喻死守狭隘经验、不知变通，或妄想不经过努力而侥幸得到成功。",
        },
    ),
    # --- English ------------------------------------------------------------------------------
    (
        "english",
        "Mercury is the closest planet to the Sun, so it goes around it faster than any other planet does.",
        {
            "id": "dv-en-01",
            "question": "Which planet in our solar system has the shortest year, completing one orbit around the Sun in about 88 Earth days?",
            "choices": ["Venus", "Mercury", "Mars", "Neptune"],
            "answer": "B",
        },
    ),
    (
        "english",
        "Most of the brick sections of the Great Wall that visitors walk on today date from the Ming period.",
        {
            "id": "dv-en-02",
            "question": "The Great Wall was built and rebuilt over many centuries; which dynasty carried out the major brick reconstruction that most tourists visit today?",
            "choices": ["Han", "Tang", "Ming", "Qing"],
            "answer": "C",
        },
    ),
    (
        "english",
        "Nitrogen, not oxygen, is the main gas in the air around us, far ahead of everything else.",
        {
            "id": "dv-en-03",
            "question": "Which gas makes up the largest share of the air we breathe at sea level, accounting for roughly seventy-eight percent of the atmosphere?",
            "choices": ["Oxygen", "Carbon dioxide", "Nitrogen", "Argon"],
            "answer": "C",
        },
    ),
    (
        "english",
        "When warm moist air cools down, the vapour turns into tiny droplets, and that is how clouds form.",
        {
            "idx": "c-2058",
            "input": "Question: What is the name of the process by which water vapor in the air cools and turns back into liquid droplets, forming clouds and dew? Answer:",
            "target": "Condensation",
        },
    ),
    (
        "english",
        "Neil Armstrong and Buzz Aldrin walked on the lunar surface in July 1969 while Michael Collins orbited above.",
        {
            "idx": "c-2059",
            "input": "Question: In which year did the first human landing on the Moon take place, when the Apollo 11 crew touched down in the Sea of Tranquility? Answer:",
            "target": "1969",
        },
    ),
    (
        "english",
        "Insulin is made in the pancreas, and it lets our cells take in sugar from the bloodstream.",
        {
            "idx": "c-2060",
            "input": "Question: Which organ of the human body produces insulin, the hormone that helps move sugar from the blood into the cells? Answer:",
            "target": "The pancreas",
        },
    ),
    (
        "english",
        "To find how long a trip lasts, subtract the departure time from the arrival time and convert hours to minutes.",
        {
            "idx": "c-2061",
            "input": "Question: A train leaves the station at 2:15 pm and arrives at its destination at 5:40 pm. How many minutes does the journey take? Answer:",
            "target": "205 minutes",
        },
    ),
    (
        "english",
        "A library fundraiser that started with home-baked pies has grown into a huge autumn pumpkin festival.",
        {
            "qid": "rc-d-09",
            "passage": "Every autumn, the small town of Millbrook holds a pumpkin festival that began in 1987 as a bake sale for the local library. Today it attracts more than twenty thousand visitors, and the money raised still goes to the library. Volunteers spend weeks carving lanterns, and local farmers compete to grow the heaviest pumpkin. Last year's winner weighed over four hundred kilograms and had to be moved with a forklift.",
            "query": "According to the passage, where does the money raised by the festival go?",
            "label": "To the local library.",
        },
    ),
    (
        "english",
        "A woman who took up the cello at forty found that patience was harder to learn than finger positions.",
        {
            "qid": "rc-d-10",
            "passage": "When Lena started learning the cello at the age of forty, her friends told her it was too late. She practised for twenty minutes every morning before work, recording herself once a week to hear her progress. After two years she joined a community orchestra. She says the hardest part was not her fingers but her patience, because improvement came in tiny steps that were easy to overlook.",
            "query": "According to the passage, what did Lena find most difficult about learning the cello?",
            "label": "Being patient, because progress came in small steps.",
        },
    ),
]

# Phrases that many items of this file share, as real benchmarks do. Too short to be contamination.
BOILERPLATE = ["以下哪一项是正确的", "下列说法中正确的是", "根据材料回答问题", "阅读材料", "请计算"]
BOILERPLATE_EN = ["According to the passage", "Question:", "Answer:", "Which of the following"]

TOPIC_NAMES = {
    "history": ["历史", "中国古代史", "初中历史"],
    "physics": ["物理", "高中物理", "力学"],
    "chemistry": ["化学", "初中化学"],
    "biology": ["生物", "初中生物"],
    "law": ["法律常识", "民法", "法考"],
    "medicine": ["医学常识", "临床医学", "健康知识"],
    "maths": ["数学", "小学奥数", "小学数学"],
    "reading": ["语文阅读", "现代文阅读", "阅读理解"],
    "poetry": ["古诗词", "语文", "成语"],
    "english": ["英语", "英语常识"],
}
TOPIC_NAMES_EN = {"english": ["Trivia", "General Knowledge", "Reading", "Science"]}

BANK = {
    "history": [
        "中国古代史的考点大多集中在朝代更替和重要制度上。",
        "复习秦汉时期时，可以把政治、经济、文化三条线分开整理。",
        "很多同学把唐朝和宋朝的制度混在一起，考试时很容易丢分。",
        "课本上的年代表最好自己动手画一遍，比反复看印象深得多。",
        "老师建议我们用时间轴的方法记忆重大事件。",
        "博物馆里的青铜器和陶俑，能让人直观地感受到古人的生活。",
        "历史选择题往往会在细节上设置陷阱，比如把人物和朝代对调。",
        "材料题要先看设问，再回到材料里找关键词。",
        "明清两代的对外政策差别很大，值得单独拿出来比较。",
        "背历史不能只记结论，还要理解事件的前因后果。",
        "有位老教师说，读一点原始史料比做十道题更有收获。",
        "去年的期末考试里，古代经济部分的分值明显增加了。",
        "关于丝绸之路的题目，经常结合地图一起考查。",
        "我习惯把每个朝代的开国皇帝和重要改革写在一张卡片上。",
        "近几年的试题越来越重视史料辨析能力。",
    ],
    "physics": [
        "力学部分是高中物理的基础，受力分析一定要画图。",
        "做运动学题目时，先明确正方向可以少犯很多符号错误。",
        "光学实验中，用激光笔照射水槽可以清楚看到光路。",
        "很多人觉得物理难，其实是公式背了却不会用。",
        "摩擦力的方向问题是初学者最容易出错的地方之一。",
        "老师在课上用两辆小车演示了碰撞前后的速度变化。",
        "单位换算看似简单，却是计算题失分的常见原因。",
        "牛顿第二定律把力、质量和加速度联系在了一起。",
        "做完实验一定要整理器材，并把数据记录完整。",
        "图像法能把抽象的运动过程变得直观。",
        "刹车距离和速度的平方成正比，所以超速特别危险。",
        "物理竞赛的题目往往需要把几个知识点综合起来。",
    ],
    "chemistry": [
        "化学实验安全永远是第一位的，护目镜必须全程佩戴。",
        "酸碱指示剂的颜色变化是初中化学的重点内容。",
        "金属活动性顺序表最好能倒背如流。",
        "气体的制取和收集方法常常出现在实验探究题中。",
        "质量守恒定律是化学计算的出发点。",
        "很多化学方程式需要配平，细心检查原子个数很重要。",
        "实验室的废液不能直接倒入下水道。",
        "溶液的浓度计算要分清溶质和溶剂。",
        "同学们对燃烧条件的探究实验印象最深。",
        "老师提醒我们，闻气体气味时要用手轻轻扇动。",
    ],
    "biology": [
        "生物学的很多知识和日常生活密切相关。",
        "显微镜的使用步骤是实验考查的常客。",
        "细胞是生物体结构和功能的基本单位。",
        "遗传规律的题目需要先写出亲代的基因型。",
        "生态系统中的能量是沿着食物链逐级递减的。",
        "春天去郊外观察植物，是很好的生物课外活动。",
        "人体的消化系统、呼吸系统和循环系统经常放在一起考。",
        "做生物题时要注意题干中的限定词，比如“主要”“一定”。",
        "植物的蒸腾作用对水循环有重要意义。",
        "不少同学通过养蚕体会到了昆虫的完全变态发育。",
    ],
    "law": [
        "法律知识并不只是律师需要掌握的，普通人也应该了解一些。",
        "民法典施行以来，很多日常纠纷都有了更明确的规定。",
        "遇到合同纠纷时，保存好书面证据非常关键。",
        "社区经常组织普法讲座，讲的都是和居民生活相关的内容。",
        "司法考试的题目往往会设置很复杂的案情。",
        "租房之前一定要核实房东的产权证明。",
        "网购遇到问题，可以先和平台客服协商，不行再向监管部门投诉。",
        "劳动者的合法权益受到侵害时，可以申请劳动仲裁。",
        "很多人对法律条文望而生畏，其实读懂并不困难。",
        "律师提醒，借钱给朋友最好也要写一张借条。",
        "法律援助中心可以为经济困难的群众提供免费帮助。",
        "交通法规的修订和每个开车的人都息息相关。",
    ],
    "medicine": [
        "健康科普文章一定要注意信息来源是否可靠。",
        "身体出现不适时，应当及时到正规医院就诊。",
        "医学考试的病例分析题要求把症状和检查结果结合起来判断。",
        "很多慢性病与长期的生活习惯有关。",
        "急救知识在关键时刻能挽救生命。",
        "社区医院定期为老年人免费测量血压和血糖。",
        "护理专业的学生需要反复练习各种操作技能。",
        "合理膳食、适量运动、戒烟限酒是健康生活的基石。",
        "药品说明书上的禁忌一栏一定要仔细阅读。",
        "冬春季节是呼吸道疾病的高发期。",
        "儿童用药要特别注意剂量，不能简单按成人用量减半。",
        "医生建议，体检报告中的异常指标要及时复查。",
    ],
    "maths": [
        "应用题的难点往往在于把文字转化成数量关系。",
        "画线段图是解决行程问题的好办法。",
        "列方程时，设未知数要写清楚单位。",
        "做完题目后把答案代回原题检验，可以避免很多低级错误。",
        "小学奥数中的经典题型，很多都能用方程轻松解决。",
        "数学老师常说，审题比计算更重要。",
        "分数应用题要先找准单位一。",
        "几何题中，辅助线画得好，问题就解决了一半。",
        "口算能力强的同学，考试时能节省不少时间。",
        "家长辅导孩子做数学作业时，最好引导思路而不是直接给答案。",
        "鸡兔同笼问题有很多种解法，假设法最为常见。",
        "百分数的问题在生活中随处可见，比如打折和利息。",
    ],
    "reading": [
        "阅读理解题的答案大多能在原文中找到依据。",
        "散文阅读要抓住作者的情感变化。",
        "说明文常用列数字、打比方等说明方法。",
        "做题时先通读全文，了解文章的大意。",
        "这篇文章的语言朴素，却很打动人。",
        "很多阅读材料选自报刊上的科普短文。",
        "城市里的野生动物比我们想象中要多。",
        "传统手艺的传承需要年轻人的参与。",
        "回答概括题时，要注意答案的完整性。",
        "老师让我们把文章中的关键句画出来。",
        "每天读一篇短文，坚持一学期，语感会明显提高。",
        "社区生活中的小故事，往往最能引起读者的共鸣。",
    ],
    "poetry": [
        "古诗词默写是语文考试中的送分题，但错别字很常见。",
        "唐诗宋词是中华文化的瑰宝。",
        "赏析诗句时，可以从修辞、意象和情感几个方面入手。",
        "很多成语背后都有一个有趣的故事。",
        "成语误用是语病题中的常见考点。",
        "背诵古诗时，理解诗意能帮助记忆。",
        "炼字题要求分析某个字用得好在哪里。",
        "思乡、送别、边塞是古诗中常见的题材。",
        "学成语最好结合具体的语境。",
        "语文老师每周都会让我们积累几个成语。",
    ],
    "english": [
        "英语常识题考查的知识面很广，从天文到历史都有。",
        "做英文阅读时，不必每个单词都认识，抓住主旨更重要。",
        "很多英语题库都是直接从国外网站翻译过来的。",
        "背单词最好结合例句，孤立地记很快就忘。",
        "英语阅读的细节题，答案通常就在原文某一句里。",
        "学英语的同学可以多看一些英文科普文章。",
        "英文问答题的答案往往很短，一个词或一个数字。",
        "听说读写四项技能需要同步提高。",
        "很多在线题库会把英文原题和中文解析放在一起。",
        "英语考试中的常识题其实也在考查阅读能力。",
    ],
    "generic": [
        "欢迎大家在评论区留言交流。",
        "以上内容仅供参考，如有错误欢迎指正。",
        "最近学习压力比较大，每天都要刷很多题。",
        "周末和同学一起去图书馆自习，效率高了不少。",
        "学习是一个循序渐进的过程，急不得。",
        "考试前一晚一定要保证充足的睡眠。",
        "错题本真的很有用，建议大家都准备一本。",
        "希望这篇整理对正在备考的朋友有所帮助。",
        "我把自己的一些心得写下来，和大家分享。",
        "有不同看法的朋友可以私信我讨论。",
        "这几天天气转凉，大家注意添衣保暖。",
        "转眼又到了期末，图书馆里座无虚席。",
        "有问题可以随时在群里提问，看到会及时回复。",
        "内容整理自网络和课堂笔记，侵删。",
        "做题的时候一定要静下心来，不要急于求成。",
    ],
}

BANK_EN = [
    "Trivia nights at the local pub have become surprisingly competitive this year.",
    "I keep a notebook of interesting facts that I come across while reading.",
    "Our team lost by just two points in the final round.",
    "The quizmaster likes questions about science and space.",
    "Reading comprehension is easier when you skim the questions first.",
    "My daughter is preparing for an English exam next month.",
    "Some of the questions were easy, but the geography round was brutal.",
    "If you want to improve, try explaining each answer to a friend.",
    "Most people in the room got this one wrong.",
    "We meet every Thursday evening at the community centre.",
    "Learning facts is fun, but understanding why they are true is even better.",
    "The answer surprised a lot of people at our table.",
    "Feel free to share your own favourite questions in the comments.",
    "Practice tests are useful, but only if you review your mistakes.",
    "I usually make a cup of tea before I sit down with a new set of questions.",
    "There is no shame in guessing when the clock is running out.",
    "The history round always seems to favour the older players.",
    "A good question teaches you something even when you get it wrong.",
]

# Document templates. {tn} is a display name of the topic. "lead" introduces a quoted question,
# "after" comments on it. "replies" (forum only) are extra paragraphs near the end.
GENRES = {
    "news": {
        "title": [
            "{tn}课堂上的新尝试",
            "本市中学{tn}教研活动举行",
            "多所学校开展{tn}专题复习",
            "{tn}学科质量监测结果发布",
        ],
        "open": [
            "本报讯 近日，本市多所中学围绕{tn}教学开展了一系列公开课和研讨活动。",
            "记者从市教育局获悉，今年的{tn}复习工作已全面启动。",
            "近日，一场以{tn}为主题的教学研讨会在市实验中学举行，来自二十多所学校的教师参加了活动。",
            "日前，区教研室组织骨干教师对{tn}试题进行了集中分析。",
        ],
        "lead": [
            "记者在一堂公开课上看到，老师在投影上展示了这样一道题：",
            "在研讨环节，有教师以下面这道练习题为例进行了分析：",
            "据介绍，下面这道题在模拟测试中的得分率较低：",
            "一位教师向记者展示了学生的练习卷，其中一道题是：",
        ],
        "after": [
            "授课教师表示，这类题目重在考查学生对基础知识的理解。",
            "不少学生表示，这道题看似简单，实际上很容易出错。",
            "教研员认为，讲评这类题目时应引导学生回到教材。",
            "据统计，全年级只有不到一半的学生答对了这道题。",
        ],
        "close": [
            "据悉，相关教研活动将持续到本学期末。",
            "教育局相关负责人表示，下一步将继续推动课堂教学改革。",
            "（记者 王晓宁 通讯员 陈立）",
            "活动最后，与会教师还就作业设计进行了交流。",
        ],
    },
    "blog": {
        "title": [
            "我的{tn}复习笔记（一）",
            "聊聊{tn}学习这件事",
            "{tn}备考心得，写给自己也写给你",
            "一道{tn}题引发的思考",
        ],
        "open": [
            "好久没有更新博客了，今天来聊一聊{tn}。",
            "作为一个曾经被{tn}折磨过的人，我想写点自己的体会。",
            "最近在帮表妹辅导{tn}，顺手把一些想法记录下来。",
            "这篇文章是我这学期学习{tn}的一点小总结。",
        ],
        "lead": [
            "先来看一道我印象很深的题：",
            "前几天做练习时遇到了这样一题：",
            "下面这道题是我从练习册上抄下来的：",
            "举个例子，比如这道题：",
        ],
        "after": [
            "第一次做的时候我选错了，后来翻了课本才弄明白。",
            "这道题的陷阱在于选项之间非常相似。",
            "我觉得这种题最考验基本功。",
            "做对这道题的关键是把题干读仔细。",
        ],
        "close": [
            "今天就写到这里，下次再聊。",
            "如果你也有类似的经历，欢迎留言告诉我。",
            "写完这篇，感觉自己又梳理了一遍知识点。",
            "希望大家都能在考试中取得理想的成绩。",
        ],
    },
    "forum": {
        "title": [
            "【求助】这道{tn}题到底选什么？",
            "有没有人讨论一下这道{tn}题",
            "{tn}题目求解析，在线等",
            "【讨论】感觉这道{tn}题答案有问题",
        ],
        "open": [
            "楼主是一名高二学生，最近在刷{tn}题。",
            "各位大佬好，萌新第一次发帖。",
            "刚做完一套{tn}模拟卷，有一道题怎么也想不通。",
            "昨天和同桌为了一道{tn}题争了半天。",
        ],
        "lead": ["原题如下：", "题目是这样的：", "直接上题：", "贴一下题目："],
        "after": [
            "我选的是A，但是答案给的不一样，求解释。",
            "翻了好几本参考书，说法都不一致。",
            "有没有懂的朋友帮忙看看？",
            "感觉出题人在故意绕弯子。",
        ],
        "close": ["先谢谢各位了！", "回复的都是好人。", "在线等，挺急的。", "顶一下，希望有人来看看。"],
        "replies": [
            "回复：同问，我也卡在这里了。",
            "回复：建议去看一下课本上的相关章节。",
            "回复：楼主可以把自己的思路发出来，大家帮你看看。",
            "回复：这题我们老师讲过，关键是审题。",
        ],
    },
    "notes": {
        "title": ["{tn}知识点整理", "{tn}错题集（第三章）", "{tn}考前必背清单", "{tn}专题笔记"],
        "open": [
            "【说明】以下是我整理的{tn}笔记，按章节排列。",
            "一、本章要点",
            "笔记整理：{tn}重点难点汇总。",
            "考前最后一轮复习，把{tn}的易错点再过一遍。",
        ],
        "lead": ["【典型例题】", "例题：", "错题记录：", "真题回顾："],
        "after": [
            "【点评】此题考查基础概念，属于送分题。",
            "【易错点】审题不仔细，容易忽略限定条件。",
            "【方法】先排除明显错误的选项。",
            "【反思】这类题要多练几遍。",
        ],
        "close": [
            "（未完待续）",
            "以上笔记会持续更新。",
            "二、课后练习见下一篇。",
            "本笔记仅供个人学习使用。",
        ],
    },
    "qa": {
        "title": [
            "{tn}这道题怎么做？",
            "如何高效学习{tn}？",
            "请问这道{tn}题的正确答案是什么？",
            "有哪些学好{tn}的方法？",
        ],
        "open": [
            "谢邀。这个问题我来简单回答一下。",
            "利益相关：前{tn}老师，带过几届毕业班。",
            "看到这个问题，想起了自己当年备考的经历。",
            "匿名答一下，怕被学生认出来。",
        ],
        "lead": [
            "题主问的是这道题：",
            "我们先把题目摆出来：",
            "题主贴出的原题是：",
            "这道题在很多题库里都能找到：",
        ],
        "after": [
            "很多回答都说得比较笼统，我具体说一下思路。",
            "其实这道题并不难，关键在于理解概念。",
            "下面说说我的看法，不一定对。",
            "这类题目在考试中出现的频率很高。",
        ],
        "close": [
            "以上，希望对你有帮助。",
            "码字不易，觉得有用就点个赞吧。",
            "有问题可以在评论区继续问。",
            "编辑于昨天，补充了一些细节。",
        ],
    },
}

GENRES_EN = {
    "blog_en": {
        "title": [
            "Quiz Night Notes: {tn}",
            "What I Learned From a Week of Practice Questions",
            "A Few Favourite {tn} Questions",
        ],
        "open": [
            "It has been a while since my last post, so here is a quick update from our quiz team.",
            "Every week I collect a handful of {tn} questions that caught my attention.",
            "This post is mostly for my study group, but anyone is welcome to read along.",
        ],
        "lead": [
            "Here is the question that stumped our table:",
            "One of the questions went like this:",
            "Try this one yourself:",
        ],
        "after": [
            "Only two teams got it right.",
            "It looks simple, but the wording is tricky.",
            "I had to look this one up afterwards.",
        ],
        "close": [
            "That is all for this week.",
            "See you at the next quiz night!",
            "Let me know how you did.",
        ],
    },
    "forum_en": {
        "title": [
            "Help with a {tn} question",
            "Is the answer key wrong here?",
            "Practice question discussion ({tn})",
        ],
        "open": [
            "Hi all, first time posting here.",
            "I am working through an old practice book and got stuck.",
            "My study partner and I disagree about this one.",
        ],
        "lead": ["The question is:", "Here it is, copied from the book:", "Posting the question below:"],
        "after": [
            "The book gives a different answer from mine, and I do not see why.",
            "Can someone explain the reasoning?",
            "I feel like the question is worded strangely.",
        ],
        "close": ["Thanks in advance!", "Any help appreciated.", "Cheers."],
        "replies": [
            "Reply: I think you are overthinking it. Read the question again slowly.",
            "Reply: Same question came up in my class last year.",
            "Reply: Check the chapter summary, it is explained there.",
        ],
    },
}

# Hard negatives: how a clean document introduces a paraphrase, a short quoted fragment or a
# boilerplate phrase of an item.
PARA_LEADS = [
    "简单来说，这道题讲的是：",
    "换句话说，",
    "用自己的话复述一下：",
    "我的理解是，",
    "课本上的意思大概是这样的：",
]
FRAG_LEADS = [
    "题目里出现了“{frag}”这样的字眼，不少人因此看错了方向。",
    "注意“{frag}”这几个字。",
    "关键词是“{frag}”，抓住它就不难了。",
    "很多人看到“{frag}”就直接选了，其实要再想一想。",
]
BOILER_LEADS = [
    "选择题最后一句往往是“{bp}”，这时要逐个判断选项。",
    "这类题经常以“{bp}”开头或结尾，不要被它吓到。",
    "题干里的“{bp}”提醒我们，只有一个选项符合要求。",
    "我数了一下，一套卷子里“{bp}”出现了好几次。",
]
PARA_LEADS_EN = ["In other words: ", "Put simply: ", "The idea behind it: ", "My own summary: "]
FRAG_LEADS_EN = [
    'The phrase "{frag}" is what confused most of us.',
    'Watch out for the words "{frag}" in the question.',
    'Everything hinges on "{frag}", so read that part twice.',
]
BOILER_LEADS_EN = [
    'Many of the questions start with "{bp}", which makes them look alike.',
    'The book puts "{bp}" in front of every item, which gets repetitive.',
]

# How the variants look in this split.
PUNCT_STYLE = "swap_spaces"  # Chinese punctuation to ASCII and back, spaces inside the text
ANSWER_STYLE = "numbered"  # "1. question A. .. B. .. 答案：B"

# Filler sentences with slots, filled at random per document so that pages differ more.
SLOTS = {
    "school": ["市实验中学", "第二中学", "外国语学校", "育才中学", "东城区第五中学", "滨江中学"],
    "city": ["杭州", "成都", "武汉", "西安", "青岛", "长沙"],
    "name": ["王老师", "李老师", "张同学", "小陈", "刘主任", "赵老师"],
    "ename": ["Sam", "Priya", "Tom", "Grace", "Daniel", "Mei"],
    "team": ["Quizzly Bears", "Table Six", "Brain Drain", "Late Arrivals"],
    "ordinal": ["second", "third", "fourth", "fifth"],
}
TEMPLATES = [
    "{name}说，{tn}其实没有大家想象的那么难。",
    "据{school}的统计，上学期{tn}的平均分比去年提高了{n}分。",
    "{city}的不少家长反映，孩子在{tn}上花的时间越来越多。",
    "我们班有{n}个同学报名参加了{tn}兴趣小组。",
    "这套题我前后做了{k}遍，每次都有新的收获。",
    "{name}建议每天抽出{n}分钟专门复习{tn}。",
    "{school}的{tn}教研组每周三下午集体备课。",
    "听{name}讲，{city}今年的考试题型会有小调整。",
    "昨天晚上刷{tn}题刷到十一点，今天一整天都很困。",
    "{tn}这一块，我觉得最重要的是打好基础。",
    "第{n}页的那张表格，建议大家抄下来贴在书桌前。",
    "上次月考{tn}我只考了{score}分，这次一定要补回来。",
    "{name}的讲解很清楚，连平时不爱听课的同学都听进去了。",
    "有{n}位网友在下面留言，说自己也遇到过类似的情况。",
    "{city}一位中学教师告诉记者，{tn}复习要回归课本。",
    "{school}今年新开了一门{tn}拓展课，很受欢迎。",
    "不少同学反映，{tn}作业量比上学期多了不少。",
    "这份资料是{name}整理的，我只是做了一些补充。",
    "我在{city}上的高中，那时候{tn}老师特别严格。",
    "{tn}考试时间是九十分钟，时间其实挺紧张的。",
]
TEMPLATES_EN = [
    "{ename} from {team} said the {tn} round was the hardest so far.",
    "We finished {ordinal} out of {n} teams, which is our best result this season.",
    "{ename} has been hosting the quiz for {k} years now.",
    "{team} won again, for the {ordinal} week in a row.",
    "About {n} people turned up, despite the rain.",
    "{ename} suggested we keep a list of every question we miss.",
    "Our score in the {tn} round was {k} out of ten, which is not terrible.",
    "{ename} swears the answer sheet had a typo in it.",
]
