/**
 * Where generated people live and work, which networks they use, and where attackers rent
 * servers. Address blocks are chosen to resemble each operator's public address space so the
 * logs look real; they are fictional assignments, not a geolocation database. With
 * `ipStyle: 'documentation'` every block is swapped for a slice of the RFC 5737 test ranges.
 */
import type { Rng } from './random.js';
import type { Zone } from './timezone.js';

export type NetworkKind = 'residential' | 'business' | 'mobile' | 'hosting';

export interface Operator {
  /** Operator name as IP-intelligence feeds spell it (Okta lower-cases it, Entra gives only the ASN). */
  name: string;
  asn: number;
  domain: string;
}

export interface Network {
  operator: Operator;
  kind: NetworkKind;
  /** IPv4 CIDR block, e.g. "73.45.0.0/16". */
  block: string;
}

export interface City {
  id: string;
  city: string;
  /** Region in English, as Okta and Duo give it. */
  state: string;
  /** Region as Entra writes it (often the local name). */
  stateLocal: string;
  country: string;
  countryCode: string;
  postalCode: string;
  lat: number;
  lon: number;
  zone: Zone;
  networks: readonly Network[];
  /** City that this country's mobile carriers geolocate to, when it is not the city itself. */
  carrierHub?: string;
}

const op = (name: string, asn: number, domain: string): Operator => ({ name, asn, domain });

// Operators (names and ASNs as public IP-intelligence data lists them).
const COMCAST = op('Comcast Cable Communications, LLC', 7922, 'comcast.net');
const ATT = op('AT&T Services, Inc.', 7018, 'att.net');
const SPECTRUM = op('Charter Communications Inc', 20115, 'spectrum.com');
const VERIZON = op('Verizon Business', 701, 'verizon.net');
const CENTURYLINK = op('CenturyLink Communications, LLC', 209, 'centurylink.net');
const LUMEN = op('Level 3 Parent, LLC', 3356, 'lumen.com');
const TMOBILE_US = op('T-Mobile USA, Inc.', 21928, 't-mobile.com');
const VERIZON_WIRELESS = op('Cellco Partnership DBA Verizon Wireless', 6167, 'verizonwireless.com');
const ROGERS = op('Rogers Communications Canada Inc.', 812, 'rogers.com');
const BELL = op('Bell Canada', 577, 'bell.ca');
const BT = op('British Telecommunications PLC', 2856, 'bt.com');
const VIRGIN_MEDIA = op('Virgin Media Limited', 5089, 'virginmedia.com');
const EE = op('EE Limited', 12576, 'ee.co.uk');
const THREE_UK = op('Hutchison 3G UK Limited', 206067, 'three.co.uk');
const TELEKOM = op('Deutsche Telekom AG', 3320, 't-ipconnect.de');
const VODAFONE_DE = op('Vodafone GmbH', 3209, 'vodafone.de');
const TELEFONICA_DE = op('Telefonica Germany GmbH & Co.OHG', 6805, 'telefonica.de');
const MNET = op('M-net Telekommunikations GmbH', 8767, 'm-net.de');
const KPN = op('KPN B.V.', 1136, 'kpn.com');
const ZIGGO = op('Vodafone Libertel B.V.', 33915, 'ziggo.nl');
const ODIDO = op('Odido Netherlands B.V.', 50266, 'odido.nl');
const ORANGE_FR = op('Orange S.A.', 3215, 'orange.fr');
const FREE = op('Free SAS', 12322, 'free.fr');
const EIR = op('Eircom Limited', 5466, 'eir.ie');
const VIRGIN_IE = op('Virgin Media Ireland Limited', 6830, 'virginmedia.ie');
const THREE_IE = op('Hutchison 3G Ireland Limited', 13280, 'three.ie');
const JIO = op('Reliance Jio Infocomm Limited', 55836, 'jio.com');
const AIRTEL = op('Bharti Airtel Ltd.', 24560, 'airtel.in');
const TATA = op('Tata Communications Ltd.', 4755, 'tatacommunications.com');
const SINGTEL = op('Singapore Telecommunications Ltd', 7473, 'singtel.com');
const STARHUB = op('StarHub Ltd', 4657, 'starhub.com');
const TELSTRA = op('Telstra Corporation Ltd', 1221, 'telstra.com.au');
const TPG = op('TPG Telecom Limited', 7545, 'tpgtelecom.com.au');
const MEO = op('MEO - Servicos de Comunicacoes e Multimedia S.A.', 3243, 'meo.pt');
const NOS = op('NOS Comunicacoes, S.A.', 2860, 'nos.pt');
const NTT = op('NTT Communications Corporation', 4713, 'ocn.ne.jp');
const KDDI = op('KDDI Corporation', 2516, 'kddi.com');
// Hosting providers attackers rent from (T1621 campaigns favour VPN exits and cheap VPS).
const M247 = op('M247 Europe SRL', 9009, 'm247.com');
const DIGITALOCEAN = op('DigitalOcean, LLC', 14061, 'digitalocean.com');
const OVH = op('OVH SAS', 16276, 'ovh.net');
const VULTR = op('The Constant Company, LLC', 20473, 'vultr.com');

const net = (operator: Operator, kind: NetworkKind, block: string): Network => ({ operator, kind, block });

const US_CENTRAL: Zone = { id: 'America/Chicago', std: -360, dst: 'us' };
const US_EASTERN: Zone = { id: 'America/New_York', std: -300, dst: 'us' };
const US_PACIFIC: Zone = { id: 'America/Los_Angeles', std: -480, dst: 'us' };
const CA_EASTERN: Zone = { id: 'America/Toronto', std: -300, dst: 'us' };
const UK: Zone = { id: 'Europe/London', std: 0, dst: 'eu' };
const IE_ZONE: Zone = { id: 'Europe/Dublin', std: 0, dst: 'eu' };
const PT_ZONE: Zone = { id: 'Europe/Lisbon', std: 0, dst: 'eu' };
const CET = (id: string): Zone => ({ id, std: 60, dst: 'eu' });
const IST: Zone = { id: 'Asia/Kolkata', std: 330, dst: 'none' };
const SGT: Zone = { id: 'Asia/Singapore', std: 480, dst: 'none' };
const JST: Zone = { id: 'Asia/Tokyo', std: 540, dst: 'none' };
const AEST: Zone = { id: 'Australia/Sydney', std: 600, dst: 'au' };

export const CITIES: readonly City[] = [
  {
    id: 'chicago', city: 'Chicago', state: 'Illinois', stateLocal: 'Illinois', country: 'United States', countryCode: 'US',
    postalCode: '60601', lat: 41.8835, lon: -87.6305, zone: US_CENTRAL,
    networks: [
      net(COMCAST, 'residential', '73.45.0.0/16'), net(ATT, 'residential', '99.102.0.0/16'),
      net(LUMEN, 'business', '4.30.112.0/24'),
      net(TMOBILE_US, 'mobile', '172.58.0.0/16'), net(VERIZON_WIRELESS, 'mobile', '174.204.0.0/16'),
    ],
  },
  {
    id: 'austin', city: 'Austin', state: 'Texas', stateLocal: 'Texas', country: 'United States', countryCode: 'US',
    postalCode: '78701', lat: 30.2672, lon: -97.7431, zone: US_CENTRAL,
    networks: [
      net(SPECTRUM, 'residential', '70.113.0.0/16'), net(ATT, 'residential', '99.30.0.0/16'),
      net(ATT, 'business', '12.186.44.0/24'),
      net(TMOBILE_US, 'mobile', '172.56.0.0/16'), net(VERIZON_WIRELESS, 'mobile', '174.198.0.0/16'),
    ],
  },
  {
    id: 'seattle', city: 'Seattle', state: 'Washington', stateLocal: 'Washington', country: 'United States', countryCode: 'US',
    postalCode: '98101', lat: 47.6062, lon: -122.3321, zone: US_PACIFIC,
    networks: [
      net(COMCAST, 'residential', '73.97.0.0/16'), net(CENTURYLINK, 'residential', '71.212.0.0/16'),
      net(TMOBILE_US, 'mobile', '172.59.0.0/16'),
    ],
  },
  {
    id: 'new-york', city: 'New York', state: 'New York', stateLocal: 'New York', country: 'United States', countryCode: 'US',
    postalCode: '10001', lat: 40.7128, lon: -74.006, zone: US_EASTERN,
    networks: [
      net(VERIZON, 'residential', '72.89.0.0/16'), net(SPECTRUM, 'residential', '74.66.0.0/16'),
      net(VERIZON_WIRELESS, 'mobile', '174.224.0.0/16'), net(TMOBILE_US, 'mobile', '172.57.0.0/16'),
    ],
  },
  {
    id: 'toronto', city: 'Toronto', state: 'Ontario', stateLocal: 'Ontario', country: 'Canada', countryCode: 'CA',
    postalCode: 'M5H', lat: 43.6532, lon: -79.3832, zone: CA_EASTERN,
    networks: [
      net(ROGERS, 'residential', '99.228.0.0/16'), net(BELL, 'residential', '70.52.0.0/16'),
      net(ROGERS, 'mobile', '24.114.0.0/16'),
    ],
  },
  {
    id: 'london', city: 'London', state: 'England', stateLocal: 'England', country: 'United Kingdom', countryCode: 'GB',
    postalCode: 'EC2V', lat: 51.5085, lon: -0.0925, zone: UK,
    networks: [
      net(BT, 'residential', '86.150.0.0/16'), net(VIRGIN_MEDIA, 'residential', '82.20.0.0/16'),
      net(BT, 'business', '194.73.110.0/24'),
      net(EE, 'mobile', '31.94.0.0/16'), net(THREE_UK, 'mobile', '92.40.0.0/16'),
    ],
  },
  {
    id: 'manchester', city: 'Manchester', state: 'England', stateLocal: 'England', country: 'United Kingdom', countryCode: 'GB',
    postalCode: 'M1', lat: 53.4808, lon: -2.2426, zone: UK, carrierHub: 'london',
    networks: [
      net(BT, 'residential', '86.155.0.0/16'), net(VIRGIN_MEDIA, 'residential', '86.3.0.0/16'),
      net(EE, 'mobile', '31.94.0.0/16'),
    ],
  },
  {
    id: 'dublin', city: 'Dublin', state: 'Leinster', stateLocal: 'Dublin', country: 'Ireland', countryCode: 'IE',
    postalCode: 'D02', lat: 53.3498, lon: -6.2603, zone: IE_ZONE,
    networks: [
      net(EIR, 'residential', '86.46.0.0/16'), net(VIRGIN_IE, 'residential', '89.100.0.0/16'),
      net(THREE_IE, 'mobile', '37.228.0.0/16'),
    ],
  },
  {
    id: 'hamburg', city: 'Hamburg', state: 'Hamburg', stateLocal: 'Hamburg', country: 'Germany', countryCode: 'DE',
    postalCode: '20095', lat: 53.5511, lon: 9.9937, zone: CET('Europe/Berlin'), carrierHub: 'frankfurt',
    networks: [
      net(TELEKOM, 'residential', '87.178.0.0/16'), net(VODAFONE_DE, 'residential', '95.90.0.0/16'),
      net(TELEKOM, 'business', '217.6.34.0/24'),
      net(TELEFONICA_DE, 'mobile', '176.3.0.0/16'), net(VODAFONE_DE, 'mobile', '109.43.0.0/16'),
    ],
  },
  {
    id: 'munich', city: 'Munich', state: 'Bavaria', stateLocal: 'Bayern', country: 'Germany', countryCode: 'DE',
    postalCode: '80331', lat: 48.1351, lon: 11.582, zone: CET('Europe/Berlin'),
    networks: [
      net(TELEKOM, 'residential', '91.63.0.0/16'), net(MNET, 'residential', '188.174.0.0/16'),
      net(TELEFONICA_DE, 'mobile', '176.4.0.0/16'),
    ],
  },
  {
    id: 'frankfurt', city: 'Frankfurt am Main', state: 'Hesse', stateLocal: 'Hessen', country: 'Germany', countryCode: 'DE',
    postalCode: '60311', lat: 50.1109, lon: 8.6821, zone: CET('Europe/Berlin'),
    networks: [
      net(TELEKOM, 'residential', '79.245.0.0/16'), net(VODAFONE_DE, 'mobile', '109.42.0.0/16'),
      net(DIGITALOCEAN, 'hosting', '164.90.160.0/20'),
    ],
  },
  {
    id: 'rotterdam', city: 'Rotterdam', state: 'South Holland', stateLocal: 'Zuid-Holland', country: 'Netherlands', countryCode: 'NL',
    postalCode: '3011', lat: 51.9244, lon: 4.4777, zone: CET('Europe/Amsterdam'),
    networks: [
      net(ZIGGO, 'residential', '84.26.0.0/16'), net(KPN, 'residential', '77.162.0.0/16'),
      net(KPN, 'business', '212.238.185.0/24'),
      net(ODIDO, 'mobile', '37.74.0.0/16'), net(KPN, 'mobile', '62.140.128.0/17'),
    ],
  },
  {
    id: 'amsterdam', city: 'Amsterdam', state: 'North Holland', stateLocal: 'Noord-Holland', country: 'Netherlands', countryCode: 'NL',
    postalCode: '1012', lat: 52.3759, lon: 4.8975, zone: CET('Europe/Amsterdam'),
    networks: [
      net(ZIGGO, 'residential', '84.84.0.0/16'), net(KPN, 'residential', '77.170.0.0/16'),
      net(ODIDO, 'mobile', '37.75.0.0/16'),
      net(M247, 'hosting', '146.70.117.0/24'),
    ],
  },
  {
    id: 'lyon', city: 'Lyon', state: 'Auvergne-Rhone-Alpes', stateLocal: 'Auvergne-Rhone-Alpes', country: 'France', countryCode: 'FR',
    postalCode: '69001', lat: 45.764, lon: 4.8357, zone: CET('Europe/Paris'), carrierHub: 'paris',
    networks: [
      net(ORANGE_FR, 'residential', '90.33.0.0/16'), net(FREE, 'residential', '88.170.0.0/16'),
      net(ORANGE_FR, 'mobile', '92.184.96.0/20'),
    ],
  },
  {
    id: 'paris', city: 'Paris', state: 'Ile-de-France', stateLocal: 'Ile-De-France', country: 'France', countryCode: 'FR',
    postalCode: '75001', lat: 48.8566, lon: 2.3522, zone: CET('Europe/Paris'),
    networks: [net(ORANGE_FR, 'residential', '90.84.0.0/16'), net(ORANGE_FR, 'mobile', '92.184.112.0/20')],
  },
  {
    id: 'pune', city: 'Pune', state: 'Maharashtra', stateLocal: 'Maharashtra', country: 'India', countryCode: 'IN',
    postalCode: '411001', lat: 18.5204, lon: 73.8567, zone: IST, carrierHub: 'mumbai',
    networks: [
      net(JIO, 'residential', '49.36.0.0/16'), net(AIRTEL, 'residential', '122.161.0.0/16'),
      net(TATA, 'business', '14.142.98.0/24'),
      net(JIO, 'mobile', '49.37.0.0/16'),
    ],
  },
  {
    id: 'mumbai', city: 'Mumbai', state: 'Maharashtra', stateLocal: 'Maharashtra', country: 'India', countryCode: 'IN',
    postalCode: '400001', lat: 19.076, lon: 72.8777, zone: IST,
    networks: [net(JIO, 'residential', '49.35.0.0/16'), net(JIO, 'mobile', '49.34.0.0/16')],
  },
  {
    id: 'singapore', city: 'Singapore', state: 'Central Singapore', stateLocal: 'Singapore', country: 'Singapore', countryCode: 'SG',
    postalCode: '018956', lat: 1.2868, lon: 103.8545, zone: SGT,
    networks: [
      net(SINGTEL, 'residential', '116.15.0.0/16'), net(STARHUB, 'residential', '118.200.0.0/16'),
      net(SINGTEL, 'business', '203.116.61.0/24'),
      net(SINGTEL, 'mobile', '27.104.0.0/16'),
      net(OVH, 'hosting', '139.99.8.0/22'),
    ],
  },
  {
    id: 'sydney', city: 'Sydney', state: 'New South Wales', stateLocal: 'New South Wales', country: 'Australia', countryCode: 'AU',
    postalCode: '2000', lat: -33.8688, lon: 151.2093, zone: AEST,
    networks: [
      net(TELSTRA, 'residential', '120.155.0.0/16'), net(TPG, 'residential', '110.175.0.0/16'),
      net(TELSTRA, 'mobile', '1.129.0.0/16'),
    ],
  },
  {
    id: 'lisbon', city: 'Lisbon', state: 'Lisbon', stateLocal: 'Lisboa', country: 'Portugal', countryCode: 'PT',
    postalCode: '1100', lat: 38.7223, lon: -9.1393, zone: PT_ZONE,
    networks: [net(MEO, 'residential', '85.240.0.0/16'), net(NOS, 'business', '89.152.206.0/24'), net(MEO, 'mobile', '85.241.0.0/16')],
  },
  {
    id: 'tokyo', city: 'Tokyo', state: 'Tokyo', stateLocal: 'Tokyo', country: 'Japan', countryCode: 'JP',
    postalCode: '100-0001', lat: 35.6895, lon: 139.6917, zone: JST,
    networks: [net(NTT, 'residential', '153.156.0.0/16'), net(NTT, 'business', '153.142.20.0/24'), net(KDDI, 'mobile', '106.130.0.0/16')],
  },
  {
    id: 'piscataway', city: 'Piscataway', state: 'New Jersey', stateLocal: 'New Jersey', country: 'United States', countryCode: 'US',
    postalCode: '08854', lat: 40.5511, lon: -74.4606, zone: US_EASTERN,
    networks: [net(VULTR, 'hosting', '45.77.148.0/22')],
  },
];

const BY_ID: ReadonlyMap<string, City> = new Map(CITIES.map((c) => [c.id, c]));

export function city(id: string): City {
  const c = BY_ID.get(id);
  if (c === undefined) throw new Error(`scenario: unknown city "${id}"`);
  return c;
}

export function networksOf(c: City, kind: NetworkKind): Network[] {
  return c.networks.filter((n) => n.kind === kind);
}

/** The city a mobile carrier's address geolocates to (the hub, for countries that have one). */
export function carrierCity(c: City): City {
  return c.carrierHub === undefined ? c : city(c.carrierHub);
}

// ---------------------------------------------------------------------------------------
// Addresses

export type IpStyle = 'realistic' | 'documentation';

/** Every block in a fixed order: the index picks the block's documentation stand-in. */
const ALL_BLOCKS: readonly string[] = [...new Set(CITIES.flatMap((c) => c.networks.map((n) => n.block)))];
const DOC_NETS = ['192.0.2', '198.51.100', '203.0.113'] as const;

function parseBlock(block: string): { base: number; size: number } {
  const [addr, bits] = block.split('/') as [string, string];
  const parts = addr.split('.').map(Number);
  const base = (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
  return { base, size: 2 ** (32 - Number(bits)) };
}

function dotted(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/**
 * A host address inside `block`, avoiding network/broadcast-looking .0 and .255 octets.
 * Documentation style maps each block to its own /29 of the RFC 5737 ranges (96 slots,
 * enough for the table above), so one operator keeps one consistent range either way.
 */
export function hostIn(block: string, rng: Rng, style: IpStyle): string {
  if (style === 'documentation') {
    const index = ALL_BLOCKS.indexOf(block);
    const slot = (index < 0 ? 0 : index) % 96;
    const prefix = DOC_NETS[Math.floor(slot / 32)] as string;
    return `${prefix}.${(slot % 32) * 8 + rng.int(1, 6)}`;
  }
  const { base, size } = parseBlock(block);
  for (;;) {
    const ip = base + rng.int(1, Math.max(1, size - 2));
    const last = ip & 255;
    if (last !== 0 && last !== 255) return dotted(ip >>> 0);
  }
}

/**
 * Coordinates that IP geolocation would give `ip`: the city centre moved by a small fixed
 * amount derived from the address, so one address always lands on the same point.
 */
export function geoPoint(c: City, ip: string): { lat: number; lon: number } {
  let h = 0;
  for (let i = 0; i < ip.length; i++) h = (Math.imul(h, 31) + ip.charCodeAt(i)) | 0;
  const dLat = (((h >>> 0) % 1000) / 1000 - 0.5) * 0.08;
  const dLon = ((((h >>> 10) >>> 0) % 1000) / 1000 - 0.5) * 0.08;
  return { lat: Math.round((c.lat + dLat) * 10000) / 10000, lon: Math.round((c.lon + dLon) * 10000) / 10000 };
}

/** Great-circle distance in km (haversine), for travel plausibility checks. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(s)));
}
