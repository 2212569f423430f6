// Top-level domains we accept as the end of a domain name: country codes and the generic names that
// show up in reports (including the cheap ones favoured by attackers). Our own selection, not the
// public suffix list: a name ending in anything else is not taken as a domain.

const countryCodes =
  'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ' +
  'ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk ' +
  'fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir ' +
  'is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ' +
  'ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl ' +
  'pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc ' +
  'td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw';

const generic =
  'com net org info biz edu gov mil int arpa pro aero asia cat coop jobs mobi museum tel travel post ' +
  'app dev page online site website xyz top club shop store tech live life world today space fun icu vip ' +
  'work click link help support email cloud host hosting network digital services solutions systems ' +
  'company agency group global center media news blog zone one run ltd llc inc bid win loan review ' +
  'download stream date racing party science trade webcam men kim cricket faith accountant best buzz cyou ' +
  'cfd sbs rest bar lol monster quest beauty mom uno ooo wtf fyi guru ninja rocks social expert tools tips ' +
  'wiki design studio photo pics art red blue pink black green gold plus energy industries engineering ' +
  'solar security cyber tokyo london berlin moscow africa capital finance bank money cash ' +
  'market markets trading exchange wang xin ink pub team academy education institute ' +
  'google microsoft apple amazon azure windows office onion zip mov';

export const tlds: ReadonlySet<string> = new Set(`${countryCodes} ${generic}`.split(/\s+/));

// Not listed: "name", whose rare domains do not outweigh "user.name" and "file.name" in code excerpts.
/** Top-level domains that are also everyday words or code identifiers: "this.is", "log.in". */
export const wordLikeTlds: ReadonlySet<string> = new Set(
  'as at be by do id in is it me my no on so to us one run app page link live info'.split(' '),
);

/** Names that look like domains but are product or framework names in prose. */
export const notDomains: ReadonlySet<string> = new Set(['asp.net', 'vb.net', 'ado.net', 'node.js', 'vue.js']);

export function isKnownTld(label: string): boolean {
  return tlds.has(label.toLowerCase()) || /^xn--[a-z0-9-]{2,59}$/i.test(label);
}

/** RFC 2606 names reserved for examples: still domains, flagged like documentation addresses. */
export function isDocumentationDomain(domain: string): boolean {
  return /(?:^|\.)example\.(?:com|net|org)$/.test(domain);
}
