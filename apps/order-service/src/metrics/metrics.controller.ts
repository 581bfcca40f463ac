import { BulwarkMetrics } from '@bulwark/nestjs/metrics';
import { Controller, Get, Header } from '@nestjs/common';

/** `/metrics`: Prometheus text, Bulwark's policy metrics and Node's process metrics. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly bulwark: BulwarkMetrics) {}

  /** @returns every metric of the application's registry */
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.bulwark.metrics();
  }
}
