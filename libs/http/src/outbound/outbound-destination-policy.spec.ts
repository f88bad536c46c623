import { destinationProblemOf, isPublicAddress } from './outbound-destination-policy';

const strict = { allowPrivateNetworks: false };
const lenient = { allowPrivateNetworks: true };

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'fc00::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    'not an address',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'accepts %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );
});

describe('destinationProblemOf', () => {
  it('accepts public https and http URLs', () => {
    expect(destinationProblemOf('https://crm.example.com/hooks', strict)).toBeUndefined();
    expect(destinationProblemOf('http://93.184.216.34:8080/x', strict)).toBeUndefined();
  });

  it.each([
    ['ftp://example.com/x', 'destination_url_invalid'],
    ['file:///etc/passwd', 'destination_url_invalid'],
    ['gopher://127.0.0.1:6379/_FLUSHALL', 'destination_url_invalid'],
    ['https://user:pass@example.com/', 'destination_url_invalid'],
    ['not a url', 'destination_url_invalid'],
    ['http://127.0.0.1:5432/', 'destination_not_public'],
    ['http://localhost:6379/', 'destination_not_public'],
    ['http://LOCALHOST./', 'destination_not_public'],
    ['http://api.localhost/', 'destination_not_public'],
    ['http://169.254.169.254/latest/meta-data/', 'destination_not_public'],
    ['http://[::1]:3000/', 'destination_not_public'],
    ['http://[::ffff:10.0.0.1]/', 'destination_not_public'],
    ['http://2130706433/', 'destination_not_public'],
    ['http://0x7f.1/', 'destination_not_public'],
  ])('refuses %s with %s', (url, code) => expect(destinationProblemOf(url, strict)?.code).toBe(code));

  it('names the setting that allows private networks, and honours it', () => {
    expect(destinationProblemOf('http://127.0.0.1:9/', strict)?.message).toContain('OUTBOUND_ALLOW_PRIVATE_NETWORKS');
    expect(destinationProblemOf('http://127.0.0.1:9/', lenient)).toBeUndefined();
    expect(destinationProblemOf('https://user:pass@example.com/', lenient)?.code).toBe('destination_url_invalid');
  });
});
