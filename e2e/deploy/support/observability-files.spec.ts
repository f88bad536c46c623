import { exposedMetricNames, metricNamesIn } from './observability-files';

describe('metricNamesIn (PromQL)', () => {
  it('finds the metrics, not the functions, label values, ranges or grouping labels', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, group) (rate(consumer_batch_handling_seconds_bucket{group="routing-service"}[5m])))',
      ),
    ).toEqual(['consumer_batch_handling_seconds_bucket']);
    expect(
      metricNamesIn(
        'sum by (group, topic) (consumer_lag) > 1000 and sum by (group, topic) (deriv(consumer_lag[10m])) > 0',
      ),
    ).toEqual(['consumer_lag']);
    expect(
      metricNamesIn('sum(rate(a_total{status=~"5.."}[5m])) / ignoring(status) group_left sum(rate(b_count[5m]))'),
    ).toEqual(['a_total', 'b_count']);
  });
});

describe('exposedMetricNames', () => {
  it('offers a histogram as its three series, even before its first observation', () => {
    const text = '# HELP h x\n# TYPE h histogram\n# HELP c y\n# TYPE c counter\nc{a="1"} 2\n';
    expect(exposedMetricNames(text).sort()).toEqual(['c', 'h', 'h_bucket', 'h_count', 'h_sum']);
  });
});
