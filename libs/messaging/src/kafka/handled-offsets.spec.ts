import { HandledOffsets } from './handled-offsets';

const at = (partition: number, offset: number) => ({ topic: 't', partition, offset: BigInt(offset) });
const offsets = (records: readonly { offset: bigint }[]): number[] => records.map((r) => Number(r.offset));

describe('HandledOffsets', () => {
  it('drops records delivered again after they were handled, keeps everything newer', () => {
    const handled = new HandledOffsets();
    handled.markHandled([at(0, 0), at(0, 1), at(0, 2)]);
    const again = handled.unhandled([at(0, 1), at(0, 2), at(0, 3), at(1, 0)], null);
    expect(again.map((r) => `${r.partition}:${r.offset}`)).toEqual(['0:3', '1:0']);
  });

  it('drops records of partitions assigned to another member, keeps all while the assignment is unknown', () => {
    const handled = new HandledOffsets();
    const records = [at(0, 5), at(1, 5)];
    expect(offsets(handled.unhandled(records, [{ topic: 't', partitions: [1] }]))).toEqual([5]);
    expect(handled.unhandled(records, null)).toHaveLength(2);
  });
});
