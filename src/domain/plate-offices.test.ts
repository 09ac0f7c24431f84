// Every issuing office of all 31 provinces, as the public plate-prefix tables (车牌号码归属地) give them, read back
// through originFromPlate: the city a plate prefills at any checkpoint in the country.
import { describe, expect, it } from 'vitest';
import { canonicalPlace } from './places.ts';
import { OFFICE_LETTERS, PLATE_OFFICES } from './plate-offices.ts';
import { originCitiesFromPlate, originFromPlate } from './plate.ts';
import { PROVINCES, type ProvinceAbbr } from './provinces.ts';

/**
 * Per province, its office letters: `A广州` a letter and its city, `Q合肥/芜湖/马鞍山` a letter several cities share,
 * `Z-` a province-level office (the province, no city); `*北京` every letter of a municipality.
 */
const EXPECTED: Readonly<Record<ProvinceAbbr, string>> = {
  京: '*北京',
  津: '*天津',
  沪: '*上海',
  渝: '*重庆',
  冀: 'A石家庄 B唐山 C秦皇岛 D邯郸 E邢台 F保定 G张家口 H承德 J沧州 R廊坊 S沧州 T衡水',
  豫: 'A郑州 B开封 C洛阳 D平顶山 E安阳 F鹤壁 G新乡 H焦作 J濮阳 K许昌 L漯河 M三门峡 N商丘 P周口 Q驻马店 R南阳 S信阳 U济源 V郑州',
  云: 'A昆明 C昭通 D曲靖 E楚雄 F玉溪 G红河 H文山 J普洱 K西双版纳 L大理 M保山 N德宏 P丽江 Q怒江 R迪庆 S临沧',
  辽: 'A沈阳 B大连 C鞍山 D抚顺 E本溪 F丹东 G锦州 H营口 J阜新 K辽阳 L盘锦 M铁岭 N朝阳 P葫芦岛 V-',
  黑: 'A哈尔滨 B齐齐哈尔 C牡丹江 D佳木斯 E大庆 F伊春 G鸡西 H鹤岗 J双鸭山 K七台河 L哈尔滨 M绥化 N黑河 P大兴安岭 R-',
  湘: 'A长沙 B株洲 C湘潭 D衡阳 E邵阳 F岳阳 G张家界 H益阳 J常德 K娄底 L郴州 M永州 N怀化 U湘西',
  皖: 'A合肥 B芜湖 C蚌埠 D淮南 E马鞍山 F淮北 G铜陵 H安庆 J黄山 K阜阳 L宿州 M滁州 N六安 P宣城 Q合肥/芜湖/马鞍山 R池州 S亳州',
  鲁: 'A济南 B青岛 C淄博 D枣庄 E东营 F烟台 G潍坊 H济宁 J泰安 K威海 L日照 M滨州 N德州 P聊城 Q临沂 R菏泽 S济南 U青岛 V潍坊 W临沂 Y烟台',
  新: 'A乌鲁木齐 B昌吉 C石河子 D奎屯 E博尔塔拉 F伊犁 G塔城 H阿勒泰 J克拉玛依 K吐鲁番 L哈密 M巴音郭楞 N阿克苏 P克孜勒苏 Q喀什 R和田',
  苏: 'A南京 B无锡 C徐州 D常州 E苏州 F南通 G连云港 H淮安 J盐城 K扬州 L镇江 M泰州 N宿迁 U苏州',
  浙: 'A杭州 B宁波 C温州 D绍兴 E湖州 F嘉兴 G金华 H衢州 J台州 K丽水 L舟山 M杭州',
  赣: 'A南昌 B赣州 C宜春 D吉安 E上饶 F抚州 G九江 H景德镇 J萍乡 K新余 L鹰潭 M-',
  鄂: 'A武汉 B黄石 C十堰 D荆州 E宜昌 F襄阳 G鄂州 H荆门 J黄冈 K孝感 L咸宁 M仙桃 N潜江 P神农架 Q恩施 R天门 S随州 W武汉',
  桂: 'A南宁 B柳州 C桂林 D梧州 E北海 F崇左/南宁 G来宾/柳州 H桂林 J贺州 K玉林 L百色 M河池 N钦州 P防城港 R贵港',
  甘: 'A兰州 B嘉峪关 C金昌 D白银 E天水 F酒泉 G张掖 H武威 J定西 K陇南 L平凉 M庆阳 N临夏 P甘南',
  晋: 'A太原 B大同 C阳泉 D长治 E晋城 F朔州 H忻州 J吕梁 K晋中 L临汾 M运城',
  蒙: 'A呼和浩特 B包头 C乌海 D赤峰 E呼伦贝尔 F兴安 G通辽 H锡林郭勒 J乌兰察布 K鄂尔多斯 L巴彦淖尔 M阿拉善',
  陕: 'A西安 B铜川 C宝鸡 D咸阳 E渭南 F汉中 G安康 H商洛 J延安 K榆林 U西安 V咸阳',
  吉: 'A长春 B吉林 C四平 D辽源 E通化 F白山 G白城 H延边 J松原',
  闽: 'A福州 B莆田 C泉州 D厦门 E漳州 F龙岩 G三明 H南平 J宁德 K-',
  贵: 'A贵阳 B六盘水 C遵义 D铜仁 E黔西南 F毕节 G安顺 H黔东南 J黔南',
  粤: 'A广州 B深圳 C珠海 D汕头 E佛山 F韶关 G湛江 H肇庆 J江门 K茂名 L惠州 M梅州 N汕尾 P河源 Q阳江 R清远 S东莞 T中山 U潮州 V揭阳 W云浮 X佛山 Y佛山 Z-',
  青: 'A西宁 B海东 C海北 D黄南 E海南 F果洛 G玉树 H海西',
  藏: 'A拉萨 B昌都 C山南 D日喀则 E那曲 F阿里 G林芝 H- J-',
  川: 'A成都 B绵阳 C自贡 D攀枝花 E泸州 F德阳 G成都 H广元 J遂宁 K内江 L乐山 M资阳 Q宜宾 R南充 S达州 T雅安 U阿坝 V甘孜 W凉山 X广安 Y巴中 Z眉山',
  宁: 'A银川 B石嘴山 C吴忠 D固原 E中卫',
  琼: 'A海口 B三亚 C琼海/文昌/万宁 D五指山/东方 E儋州 F儋州',
};

interface OfficeCase {
  plate: string;
  province: string;
  /** Every city the letter may stand for; empty for a province-level office or a letter the tables do not list. */
  cities: readonly string[];
}

function officeCases(): { listed: OfficeCase[]; unlisted: OfficeCase[] } {
  const listed: OfficeCase[] = [];
  const unlisted: OfficeCase[] = [];
  for (const { abbr, name } of PROVINCES) {
    const spec = EXPECTED[abbr];
    const offices = new Map<string, readonly string[]>();
    if (spec.startsWith('*')) {
      for (const letter of OFFICE_LETTERS) offices.set(letter, [spec.slice(1)]);
    } else {
      for (const entry of spec.split(' ')) {
        const rest = entry.slice(1);
        offices.set(entry.charAt(0), rest === '-' ? [] : rest.split('/'));
      }
    }
    for (const letter of OFFICE_LETTERS) {
      const cities = offices.get(letter);
      const plate = `${abbr}${letter}12345`;
      if (cities === undefined) unlisted.push({ plate, province: name, cities: [] });
      else listed.push({ plate, province: name, cities });
    }
  }
  return { listed, unlisted };
}

const { listed, unlisted } = officeCases();

describe('plate offices of all 31 provinces', () => {
  it('has a table for every province, and a test line for every table', () => {
    expect(Object.keys(PLATE_OFFICES).sort()).toEqual(PROVINCES.map((p) => p.abbr).sort());
    expect(Object.keys(EXPECTED).sort()).toEqual(PROVINCES.map((p) => p.abbr).sort());
  });

  it.each(listed)('$plate comes from $province $cities', ({ plate, province, cities }) => {
    expect(originCitiesFromPlate(plate)).toEqual({ province, cities });
    // One city is prefilled; a shared letter or a province-level office prefills the province alone.
    expect(originFromPlate(plate)).toEqual({ province, city: cities.length === 1 ? cities[0] : '' });
  });

  it.each(unlisted)('$plate, a letter the tables do not list, gives $province and no city', ({ plate, province }) => {
    expect(originFromPlate(plate)).toEqual({ province, city: '' });
    expect(originCitiesFromPlate(plate)).toEqual({ province, cities: [] });
  });

  it('names every city as canonicalPlace reduces its full name, so a checkpoint written either way matches', () => {
    const tableCities = Object.values(PLATE_OFFICES).flatMap((offices) =>
      Object.values(offices).flatMap((office) => ('cities' in office ? office.cities : [])),
    );
    for (const city of tableCities) expect(canonicalPlace(city)).toBe(city);
    for (const [fullName, city] of [
      ['湘西土家族苗族自治州', '湘西'],
      ['恩施土家族苗族自治州', '恩施'],
      ['延边朝鲜族自治州', '延边'],
      ['黔东南苗族侗族自治州', '黔东南'],
      ['巴音郭楞蒙古自治州', '巴音郭楞'],
      ['克孜勒苏柯尔克孜自治州', '克孜勒苏'],
      ['海西蒙古族藏族自治州', '海西'],
      ['阿坝藏族羌族自治州', '阿坝'],
      ['兴安盟', '兴安'],
      ['大兴安岭地区', '大兴安岭'],
      ['神农架林区', '神农架'],
      ['深圳市', '深圳'],
    ] as const) {
      expect(canonicalPlace(fullName)).toBe(city);
      expect(tableCities).toContain(city);
    }
  });
});
